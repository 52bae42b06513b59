using System.ComponentModel.DataAnnotations;

namespace LlmReference.CacheServer;

public sealed class CacheServerOptions
{
    public const string SectionName = "CacheServer";

    /// <summary>Address to listen on. Loopback by default: the embedded cache is for one machine.</summary>
    [Required]
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>TCP port. The AppHost allocates one and passes it as <c>CacheServer__Port</c>.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 6379;

    /// <summary>Log memory for the main store (Garnet size syntax). Small: this is a dev/test cache, not a database.</summary>
    [Required]
    public string Memory { get; set; } = "256m";

    /// <summary>Hash index size (Garnet size syntax).</summary>
    [Required]
    public string Index { get; set; } = "16m";

    /// <summary>
    /// Keep the data across restarts: an append-only file (AOF) of every write plus periodic checkpoints in
    /// <see cref="DataDirectory"/>, recovered on start. On by default; off makes the cache memory-only (every restart
    /// loses every session, scored transaction and label).
    /// </summary>
    public bool Persistence { get; set; } = true;

    /// <summary>
    /// Where the AOF and checkpoints live (created if missing). Required when <see cref="Persistence"/> is on; the AppHost
    /// passes <c>Cache:DataDirectory</c> as <c>CacheServer__DataDirectory</c>. Delete the folder (server stopped) to wipe the cache.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Reply to a write only after it is flushed to the AOF (Garnet <c>--aof-commit-wait</c>), so no acknowledged write
    /// is lost when the process is killed. On by default: a cache that holds chat history and labels is worth one disk
    /// write per command here; off trades that guarantee for latency (writes of the last few milliseconds may be lost).
    /// </summary>
    public bool CommitWait { get; set; } = true;

    /// <summary>
    /// Seconds between automatic checkpoints (Garnet <c>--checkpoint-freq</c>). A checkpoint lets Garnet truncate the AOF,
    /// so the file does not grow forever and recovery replays only the writes since. 0 disables them (the AOF then grows
    /// until a manual <c>SAVE</c>). Default 60.
    /// </summary>
    [Range(0, 86_400)]
    public int CheckpointIntervalSeconds { get; set; } = 60;

    /// <summary>Key for the <c>/admin/cache</c> API, sent as <c>X-Admin-Key</c>. Empty (the default) disables the admin API (403).</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>How long <c>POST /admin/cache/pause</c> pauses when no <c>seconds</c> is given. Default 60.</summary>
    [Range(1, 3_600)]
    public int DefaultPauseSeconds { get; set; } = 60;

    /// <summary>The longest pause accepted: a forgotten pause ends by itself. Default 600 (10 minutes).</summary>
    [Range(1, 3_600)]
    public int MaxPauseSeconds { get; set; } = 600;
}

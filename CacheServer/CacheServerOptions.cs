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
}

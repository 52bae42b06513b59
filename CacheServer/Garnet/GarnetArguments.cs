using System.Globalization;

namespace LlmReference.CacheServer.Garnet;

/// <summary>Garnet takes its settings as command-line style arguments; this turns the typed options into them.</summary>
internal static class GarnetArguments
{
    /// <summary>Sub-folder of the data directory for checkpoints and the append-only file.</summary>
    public const string CheckpointFolder = "checkpoints";

    public static string[] From(CacheServerOptions options)
    {
        List<string> args =
        [
            "--bind", options.Bind,
            "--port", options.Port.ToString(CultureInfo.InvariantCulture),
            "--memory", options.Memory,
            "--index", options.Index,
            // No banner on stdout: the host's logger says when the server listens.
            "-q",
            // Lua scripting (EVAL/EVALSHA), off in Garnet by default: ChatApi sends each chat turn's reads and writes as
            // one script before and one after the model call. Transaction mode locks the script's keys while it runs,
            // so a script is atomic as it is in Redis (without it, other clients' commands may interleave).
            "--lua",
            "--lua-transaction-mode",
        ];

        if (options.Persistence)
        {
            var directory = Path.GetFullPath(options.DataDirectory!);
            args.AddRange(
            [
                // No --logdir: that is for storage tiering (a larger-than-memory store), which this cache does not use;
                // Garnet refuses a log directory without it. Checkpoints and the AOF go under --checkpointdir.
                "--checkpointdir", Path.Combine(directory, CheckpointFolder),
                // .NET's RandomAccess files rather than Garnet's native Linux device, which needs libaio from the OS
                // (a missing libaio makes every AOF write fail); no system package is needed on any platform.
                "--device-type", "RandomAccess",
                // Every write goes to the append-only file, and the commit is issued per operation (0 ms), not batched.
                "--aof",
                "--aof-commit-freq", "0",
                // Replayed on start: the latest checkpoint, then the AOF written since.
                "--recover",
                "--checkpoint-freq", options.CheckpointIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ]);

            if (options.CommitWait)
            {
                // The reply waits for the AOF flush, so an acknowledged write survives a killed process.
                args.Add("--aof-commit-wait");
            }
        }

        return [.. args];
    }
}

namespace LlmReference.CacheServer.Admin;

/// <summary>What <c>GET /admin/cache</c> and every command return.</summary>
/// <param name="State"><c>serving</c> or <c>paused</c>.</param>
/// <param name="PausedUntil">When a pause ends by itself; null while serving.</param>
/// <param name="Keys">Number of keys (DBSIZE); null while paused, when nothing answers.</param>
/// <param name="Persistence">Whether the AOF and checkpoints are on.</param>
/// <param name="DataDirectory">Full path of the AOF and checkpoints; null when memory-only.</param>
public sealed record CacheState(string State, DateTimeOffset? PausedUntil, long? Keys, bool Persistence, string? DataDirectory)
{
    public const string Serving = "serving";
    public const string Paused = "paused";
}

namespace LlmReference.CacheServer.Telemetry;

/// <summary>The service's one Meter name (its application name, which ServiceDefaults subscribes to) and its instruments.</summary>
internal static class CacheServerTelemetry
{
    public static readonly string Name = typeof(CacheServerTelemetry).Assembly.GetName().Name!;

    public static class Metrics
    {
        /// <summary>1 while the RESP port is closed by a pause, 0 while serving.</summary>
        public const string Paused = "cache_server.paused";

        /// <summary>Pauses started through the admin API.</summary>
        public const string Pauses = "cache_server.pauses";

        /// <summary>FLUSHALLs run through the admin API.</summary>
        public const string Flushes = "cache_server.flushes";
    }
}

namespace LlmReference.CacheServer.Garnet;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "CacheStarted", Level = LogLevel.Information, Message = "Garnet cache listening on {Bind}:{Port}; data directory {DataDirectory} (null: memory-only)")]
    public static partial void Started(ILogger logger, string bind, int port, string? dataDirectory);

    [LoggerMessage(EventId = 2, EventName = "CacheStopped", Level = LogLevel.Information, Message = "Garnet cache stopped; its data directory is kept")]
    public static partial void Stopped(ILogger logger);
}

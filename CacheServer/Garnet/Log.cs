namespace LlmReference.CacheServer.Garnet;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "CacheStarted", Level = LogLevel.Information, Message = "Garnet cache listening on {Bind}:{Port}; data directory {DataDirectory} (null: memory-only)")]
    public static partial void Started(ILogger logger, string bind, int port, string? dataDirectory);

    [LoggerMessage(EventId = 2, EventName = "CacheStopped", Level = LogLevel.Information, Message = "Garnet cache stopped; its data directory is kept")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 3, EventName = "ShutdownCheckpointFailed", Level = LogLevel.Warning, Message = "No checkpoint on shutdown; the next start replays the AOF instead")]
    public static partial void ShutdownCheckpointFailed(ILogger logger, Exception exception);
}

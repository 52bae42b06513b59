namespace LlmReference.CacheServer.Admin;

internal static partial class Log
{
    [LoggerMessage(EventId = 101, EventName = "CachePaused", Level = LogLevel.Warning, Message = "Cache paused for {Seconds} s (until {PausedUntil}): the RESP port refuses connections")]
    public static partial void Paused(ILogger logger, double seconds, DateTimeOffset pausedUntil);

    [LoggerMessage(EventId = 102, EventName = "CacheResumed", Level = LogLevel.Information, Message = "Cache resumed (automatically: {Automatically}); data recovered from the data directory")]
    public static partial void Resumed(ILogger logger, bool automatically);

    [LoggerMessage(EventId = 103, EventName = "CacheFlushed", Level = LogLevel.Warning, Message = "Cache flushed: every key was deleted (FLUSHALL)")]
    public static partial void Flushed(ILogger logger);

    [LoggerMessage(EventId = 104, EventName = "CacheAutoResumeFailed", Level = LogLevel.Error, Message = "The cache could not resume at the end of its pause; it stays paused until POST /admin/cache/resume")]
    public static partial void AutoResumeFailed(ILogger logger, Exception exception);
}

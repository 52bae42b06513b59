namespace LlmReference.ChatApi.RateLimiting;

internal static partial class Log
{
    [LoggerMessage(EventId = 320, EventName = "RateLimitCacheUnavailable", Level = LogLevel.Warning,
        Message = "The {Limit} limit could not be checked because the cache did not answer; the request was refused with 503 and counted by the cache breaker")]
    public static partial void CacheUnavailable(ILogger logger, string limit, Exception exception);

    [LoggerMessage(EventId = 321, EventName = "StreamPermitNotReleased", Level = LogLevel.Warning,
        Message = "An ended stream's permit could not be removed from the cache; it expires by itself within {LeaseTtl}")]
    public static partial void ReleaseFailed(ILogger logger, TimeSpan leaseTtl, Exception exception);
}

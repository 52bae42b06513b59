using Microsoft.Extensions.Logging;

namespace LlmReference.ServiceDefaults.Cache;

/// <summary>Cache breaker logs: each state change once (not every refused request) and each refusal at Debug.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9200, EventName = "CacheCircuitOpened", Level = LogLevel.Warning,
        Message = "Cache circuit opened for {BreakSeconds} s: requests that need the cache are refused with 503 until it answers again (last failure: {Failure})")]
    public static partial void CircuitOpened(ILogger logger, double breakSeconds, string failure);

    [LoggerMessage(EventId = 9201, EventName = "CacheCircuitHalfOpened", Level = LogLevel.Information,
        Message = "Cache circuit half-open: letting one request through to probe the cache")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 9202, EventName = "CacheCircuitClosed", Level = LogLevel.Information,
        Message = "Cache circuit closed: the cache answers again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 9203, EventName = "CacheRequestRefused", Level = LogLevel.Debug,
        Message = "Refused {Method} {Path} without calling the cache: the cache circuit is open (retry after {RetryAfterSeconds} s)")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int retryAfterSeconds);
}

using System.Threading.RateLimiting;
using LlmReference.ServiceDefaults.Cache;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace LlmReference.ChatApi.RateLimiting;

/// <summary>What the cache-backed limiters share: the connection, the clock, the cache breaker and the logger.</summary>
public sealed class RedisRateLimitContext(
    IConnectionMultiplexer redis, TimeProvider time, CacheCircuitBreaker breaker, ILogger<RedisRateLimitContext> logger)
{
    /// <summary>Prefix of every rate-limit key; the partition (<c>user:…</c>, <c>ip:…</c>, <c>stream:…</c>) follows.</summary>
    public const string KeyPrefix = "chat:ratelimit:";

    public IDatabase Database => redis.GetDatabase();

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    /// <summary>
    /// False while the cache breaker is open: the limit is not checked then, and the endpoint's own breaker answers
    /// 503 without running. A limit never turns a cache outage into a different error.
    /// </summary>
    public bool CacheReachable => breaker.State != CircuitState.Open;

    /// <summary>How long a request refused for a cache failure is told to wait: the breaker's break.</summary>
    public TimeSpan BreakDuration => breaker.BreakDuration;

    /// <summary>
    /// A limit could not be checked: the breaker counts it like an endpoint's own cache failure, and the request is
    /// refused as the endpoint would have refused it (503, <c>Retry-After</c>), not let through to meet the same outage.
    /// </summary>
    public async ValueTask<RateLimitLease> UnavailableAsync(string limit, Exception exception)
    {
        Log.CacheUnavailable(logger, limit, exception);
        await breaker.ReportFailureAsync(exception);
        return RedisLease.CacheUnavailable(breaker.BreakDuration);
    }

    /// <summary>A renewal or release that could not reach the cache: the permit's expiry makes it good.</summary>
    public void ReportUnavailable(string limit, Exception exception) => Log.CacheUnavailable(logger, limit, exception);
}

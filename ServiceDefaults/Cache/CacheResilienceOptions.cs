using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;

namespace LlmReference.ServiceDefaults.Cache;

/// <summary>
/// How the services treat their cache (Garnet/Redis) when it is slow or gone, bound from <c>Cache:Resilience</c>.
/// The cache answers in microseconds on loopback, so command timeouts are short: a request that needs the cache learns
/// within about a second that it is unreachable, and once the outage is known the breaker refuses at once.
/// These values take precedence over the same settings in the connection string.
/// </summary>
public sealed class CacheResilienceOptions
{
    public const string SectionName = "Cache:Resilience";

    /// <summary>
    /// How long a (re)connect handshake may take before it is abandoned and retried. Default: 5 s. Only the very first
    /// connect (creating the multiplexer, at start in ChatApi) waits for it; afterwards commands fail at once while
    /// disconnected (<c>BacklogPolicy.FailFast</c>), so it need not be short. A 1 s value failed Garnet's handshake
    /// spuriously on a loaded 2-core machine. A refused connection fails at once either way.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one command may wait for its answer (StackExchange.Redis <c>AsyncTimeout</c> and <c>SyncTimeout</c>).
    /// Default: 1 s, against the library's 5 s: a cache that accepts connections but does not answer (paused, hung)
    /// must not hold each request for five seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// First delay between reconnect attempts; it doubles on each failure up to <see cref="MaxReconnectDelay"/>.
    /// Default: 250 ms, so a cache that comes back is used again within about a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest delay between reconnect attempts. Default: 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Share of cache-dependent requests that must fail with a cache error (connection or timeout) within
    /// <see cref="SamplingDuration"/> to open the breaker. Default: 0.5.
    /// </summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>
    /// Requests within <see cref="SamplingDuration"/> before the breaker may open. Default: 3 (Polly's minimum is 2):
    /// when the cache is gone every request fails, so a few are proof enough, and a quiet service opens it too.
    /// </summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 3;

    /// <summary>Window over which <see cref="FailureRatio"/> is measured. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the breaker stays open, refusing requests with 503 and <c>Retry-After</c> without calling the cache,
    /// before one request is let through to probe it (half-open). Default: 2 s: short, because the probe is cheap and
    /// StackExchange.Redis reconnects by itself, so service resumes within about this long after the cache returns.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Called when the open breaker refuses a request, after status and <c>Retry-After</c> are set and before the
    /// problem details are written: a service counts the refusal in its own request metric here (ChatApi's
    /// <c>chat.requests</c>), as it does for its rate limiter's. Set in code, not configuration.
    /// </summary>
    public Func<HttpContext, ValueTask>? OnRejected { get; set; }
}

using System.Threading.RateLimiting;
using LlmReference.ServiceDefaults.Cache;
using StackExchange.Redis;

namespace LlmReference.ChatApi.RateLimiting;

/// <summary>
/// A fixed-window request limit for one caller, counted in the cache so that every replica shares it. One MULTI/EXEC
/// per request: <c>SET key 0 PX window NX</c> (the first request opens the window), <c>INCRBY</c>, <c>PTTL</c>. The
/// count and its expiry are written together, so no crash can leave a counter without its expiry (a caller locked
/// out for good); the window's end is the server's, so replicas with skewed clocks still agree on it.
/// </summary>
/// <remarks>
/// A refused request still increments the count; that only matters within the window it was refused in. Queued
/// requests (<see cref="ChatRateLimitOptions.QueueLimit"/>) wait, per replica, until the window reopens and try again.
/// </remarks>
public sealed class RedisFixedWindowLimiter(string partition, RedisRateLimitContext context, ChatRateLimitOptions options) : RateLimiter
{
    private readonly RedisKey _key = RedisRateLimitContext.KeyPrefix + partition;
    private long _lastUsed = context.Time.GetTimestamp();
    private int _queued;

    public override TimeSpan? IdleDuration => context.Time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>The count lives in the cache, which cannot be read synchronously: the middleware then waits for <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => RedisLease.NotAttempted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, context.Time.GetTimestamp());
        if (!context.CacheReachable)
        {
            return RedisLease.Granted;
        }

        var queued = false;
        try
        {
            while (true)
            {
                var (count, retryAfter) = await CountAsync(permitCount);
                if (count <= options.PermitLimit)
                {
                    return RedisLease.Granted;
                }

                if (!queued)
                {
                    if (Interlocked.Increment(ref _queued) > options.QueueLimit)
                    {
                        Interlocked.Decrement(ref _queued);
                        return RedisLease.RefusedUntil(retryAfter);
                    }

                    queued = true;
                }

                await Task.Delay(retryAfter, context.Time, cancellationToken);
            }
        }
        catch (Exception ex) when (CacheCircuitBreaker.IsCacheFailure(ex))
        {
            return await context.UnavailableAsync("request rate", ex);
        }
        finally
        {
            if (queued)
            {
                Interlocked.Decrement(ref _queued);
            }
        }
    }

    /// <summary>The caller's count in the current window after adding <paramref name="permitCount"/>, and the time left in it.</summary>
    private async Task<(long Count, TimeSpan RetryAfter)> CountAsync(int permitCount)
    {
        var transaction = context.Database.CreateTransaction();
        _ = transaction.StringSetAsync(_key, 0, options.Window, When.NotExists);
        var count = transaction.StringIncrementAsync(_key, permitCount);
        var ttl = transaction.KeyTimeToLiveAsync(_key);
        await transaction.ExecuteAsync();
        // A window that ended between the commands has no TTL left: it reopens now.
        var left = await ttl is { } remaining && remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1);
        return (await count, left);
    }
}

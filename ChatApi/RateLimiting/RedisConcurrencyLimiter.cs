using System.Threading.RateLimiting;
using LlmReference.ServiceDefaults.Cache;
using StackExchange.Redis;

namespace LlmReference.ChatApi.RateLimiting;

/// <summary>
/// At most <see cref="ChatRateLimitOptions.MaxConcurrentStreamsPerUser"/> open streams per caller across every
/// replica. Each permit is a member of the caller's sorted set in the cache, scored with the time it expires; the
/// replica that holds it renews it while the stream is open and removes it when the stream ends.
/// </summary>
/// <remarks>
/// Acquiring is one MULTI/EXEC: drop expired permits, add this one, count. A count over the limit removes the permit
/// again and refuses. Of the permits held at any moment, the last one added counted all the others, so no more than
/// the limit are ever held at once; two requests racing for the last permit may both be refused, never both admitted.
/// The expiry is the safety net: a replica that crashes stops renewing, and its permits lapse within
/// <see cref="ChatRateLimitOptions.StreamLeaseTtl"/>.
/// </remarks>
public sealed class RedisConcurrencyLimiter(string partition, RedisRateLimitContext context, ChatRateLimitOptions options) : RateLimiter
{
    private readonly RedisKey _key = RedisRateLimitContext.KeyPrefix + partition;
    private long _lastUsed = context.Time.GetTimestamp();
    private int _held;

    /// <summary>Null while a permit is held: the partitioned limiter must not dispose a limiter whose leases still renew.</summary>
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _held) > 0 ? null : context.Time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => RedisLease.NotAttempted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, context.Time.GetTimestamp());
        if (!context.CacheReachable)
        {
            return RedisLease.Granted;
        }

        var permit = Guid.NewGuid().ToString("N");
        try
        {
            var now = context.Time.GetUtcNow();
            var transaction = context.Database.CreateTransaction();
            _ = transaction.SortedSetRemoveRangeByScoreAsync(_key, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
            _ = transaction.SortedSetAddAsync(_key, permit, ExpiresAt(now));
            var count = transaction.SortedSetLengthAsync(_key);
            _ = transaction.KeyExpireAsync(_key, KeyTtl);
            await transaction.ExecuteAsync();

            if (await count > options.MaxConcurrentStreamsPerUser)
            {
                await context.Database.SortedSetRemoveAsync(_key, permit);
                return RedisLease.Refused;
            }
        }
        catch (Exception ex) when (CacheCircuitBreaker.IsCacheFailure(ex))
        {
            return await context.UnavailableAsync("concurrent stream", ex);
        }

        Interlocked.Increment(ref _held);
        return new Permit(this, permit, context.Time, options.StreamLeaseTtl / 3);
    }

    /// <summary>The set outlives its newest permit, whichever replica renewed it last.</summary>
    private TimeSpan KeyTtl => options.StreamLeaseTtl * 2;

    private double ExpiresAt(DateTimeOffset now) => (now + options.StreamLeaseTtl).ToUnixTimeMilliseconds();

    private void Renew(string permit)
    {
        try
        {
            // Fire and forget: a missed renewal is made good by the next one, and the permit has two more to spare.
            var database = context.Database;
            database.SortedSetAdd(_key, permit, ExpiresAt(context.Time.GetUtcNow()), SortedSetWhen.Exists, CommandFlags.FireAndForget);
            database.KeyExpire(_key, KeyTtl, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (CacheCircuitBreaker.IsCacheFailure(ex))
        {
            context.ReportUnavailable("concurrent stream", ex);
        }
    }

    private void Release(string permit)
    {
        Interlocked.Decrement(ref _held);
        Interlocked.Exchange(ref _lastUsed, context.Time.GetTimestamp());
        try
        {
            context.Database.SortedSetRemove(_key, permit, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (CacheCircuitBreaker.IsCacheFailure(ex))
        {
            Log.ReleaseFailed(context.Logger, options.StreamLeaseTtl, ex);
        }
    }

    /// <summary>One open stream's permit: renewed every third of its lifetime until disposed.</summary>
    private sealed class Permit : RateLimitLease
    {
        private readonly RedisConcurrencyLimiter _limiter;
        private readonly string _id;
        private readonly ITimer _renewal;
        private int _disposed;

        public Permit(RedisConcurrencyLimiter limiter, string id, TimeProvider time, TimeSpan period)
        {
            _limiter = limiter;
            _id = id;
            _renewal = time.CreateTimer(static state => ((Permit)state!).Renew(), this, period, period);
        }

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        private void Renew()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _limiter.Renew(_id);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _renewal.Dispose();
                _limiter.Release(_id);
            }
        }
    }
}

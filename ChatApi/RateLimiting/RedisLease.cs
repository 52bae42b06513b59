using System.Threading.RateLimiting;

namespace LlmReference.ChatApi.RateLimiting;

/// <summary>Leases of the cache-backed limiters that hold nothing to release.</summary>
internal sealed class RedisLease : RateLimitLease
{
    /// <summary>Metadata on a lease refused because the cache did not answer (not because a limit was reached).</summary>
    public static readonly MetadataName<bool> CacheUnavailableMetadata = new("CACHE_UNAVAILABLE");

    private readonly TimeSpan? _retryAfter;
    private readonly bool _cacheUnavailable;

    private RedisLease(bool acquired, TimeSpan? retryAfter, bool cacheUnavailable = false)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
        _cacheUnavailable = cacheUnavailable;
    }

    public static RedisLease Granted { get; } = new(true, null);

    /// <summary>The synchronous attempt: the limiters only answer asynchronously.</summary>
    public static RedisLease NotAttempted { get; } = new(false, null);

    /// <summary>Refused; the window reopens after <paramref name="retryAfter"/> (<see cref="MetadataName.RetryAfter"/>).</summary>
    public static RedisLease RefusedUntil(TimeSpan retryAfter) => new(false, retryAfter);

    /// <summary>Refused with no known time: a concurrency limit waits for a permit to be released.</summary>
    public static RedisLease Refused { get; } = new(false, null);

    /// <summary>Refused because the limit could not be checked: the cache did not answer.</summary>
    public static RedisLease CacheUnavailable(TimeSpan retryAfter) => new(false, retryAfter, cacheUnavailable: true);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => (_retryAfter, _cacheUnavailable) switch
    {
        (null, _) => [],
        (_, false) => [MetadataName.RetryAfter.Name],
        _ => [MetadataName.RetryAfter.Name, CacheUnavailableMetadata.Name],
    };

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_cacheUnavailable && metadataName == CacheUnavailableMetadata.Name)
        {
            metadata = true;
            return true;
        }

        if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}

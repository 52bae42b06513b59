using System.Threading.RateLimiting;

namespace LlmReference.ChatApi.RateLimiting;

/// <summary>Leases of the cache-backed limiters that hold nothing to release.</summary>
internal sealed class RedisLease : RateLimitLease
{
    private readonly TimeSpan? _retryAfter;

    private RedisLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    public static RedisLease Granted { get; } = new(true, null);

    /// <summary>The synchronous attempt: the limiters only answer asynchronously.</summary>
    public static RedisLease NotAttempted { get; } = new(false, null);

    /// <summary>Refused; the window reopens after <paramref name="retryAfter"/> (<see cref="MetadataName.RetryAfter"/>).</summary>
    public static RedisLease RefusedUntil(TimeSpan retryAfter) => new(false, retryAfter);

    /// <summary>Refused with no known time: a concurrency limit waits for a permit to be released.</summary>
    public static RedisLease Refused { get; } = new(false, null);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}

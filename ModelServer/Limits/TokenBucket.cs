namespace LlmReference.ModelServer.Limits;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/> with variable-cost takes and a readable balance, which
/// System.Threading.RateLimiting's limiters do not offer together (they run on their own timer and hide the balance
/// that the x-ratelimit-remaining-* headers report).
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private readonly TimeProvider _timeProvider;
    private double _available;
    private long _updated;

    public TokenBucket(double capacity, double refillPerSecond, TimeProvider timeProvider)
    {
        _capacity = capacity;
        _refillPerSecond = refillPerSecond;
        _timeProvider = timeProvider;
        _available = capacity;
        _updated = timeProvider.GetTimestamp();
    }

    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _available;
            }
        }
    }

    /// <summary>How long until the bucket is full again (what x-ratelimit-reset-* reports).</summary>
    public TimeSpan TimeToFull
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return TimeSpan.FromSeconds(Math.Max(0, _capacity - _available) / _refillPerSecond);
            }
        }
    }

    /// <summary>Takes <paramref name="cost"/> if available; otherwise says how long until it would be.</summary>
    public bool TryTake(double cost, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            Refill();
            // A single request larger than the whole bucket may go once the bucket is full, as providers allow.
            var needed = Math.Min(cost, _capacity);
            if (_available >= needed)
            {
                _available -= cost;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((needed - _available) / _refillPerSecond);
            return false;
        }
    }

    /// <summary>Returns what a request took but did not use (e.g. the completion estimate of a rejected request).</summary>
    public void Return(double amount)
    {
        lock (_gate)
        {
            Refill();
            _available = Math.Min(_capacity, _available + amount);
        }
    }

    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        var seconds = _timeProvider.GetElapsedTime(_updated, now).TotalSeconds;
        _available = Math.Min(_capacity, _available + seconds * _refillPerSecond);
        _updated = now;
    }
}

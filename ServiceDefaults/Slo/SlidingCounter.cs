namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// A count of events in fixed-size time buckets (a ring as long as the longest window) plus a total since start.
/// Measurements arrive on request threads, so adding is lock-free: one compare-and-swap loop on a double, and one
/// small allocation per bucket period when a slot is recycled.
/// </summary>
internal sealed class SlidingCounter
{
    private readonly Slot?[] _ring;
    private double _sinceStart;

    /// <param name="buckets">Buckets in the longest window; the ring holds one more so a writer in the next bucket never recycles a slot that is still read.</param>
    public SlidingCounter(int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        _ring = new Slot?[buckets + 1];
    }

    /// <summary>Everything counted since the process started.</summary>
    public double SinceStart => Volatile.Read(ref _sinceStart);

    /// <param name="amount">Events (or a counter's increment).</param>
    /// <param name="bucket">The current bucket number (time since start divided by the bucket size).</param>
    public void Add(double amount, long bucket)
    {
        if (!double.IsFinite(amount) || amount <= 0)
        {
            return;
        }

        var index = (int)(bucket % _ring.Length);
        var slot = Volatile.Read(ref _ring[index]);
        while (slot is null || slot.Bucket < bucket)
        {
            // The slot holds an older period (or none): replace it. A thread that lost the race uses the winner's.
            var fresh = new Slot(bucket);
            var seen = Interlocked.CompareExchange(ref _ring[index], fresh, slot);
            slot = ReferenceEquals(seen, slot) ? fresh : seen;
        }

        // A measurement delayed past a whole ring (slot.Bucket > bucket) still counts, in the newer bucket.
        AddTo(ref slot.Count, amount);
        AddTo(ref _sinceStart, amount);
    }

    /// <summary>Events in the last <paramref name="buckets"/> buckets up to and including <paramref name="current"/>.</summary>
    public double Sum(long current, int buckets)
    {
        var oldest = current - Math.Min(buckets, _ring.Length - 1);
        var sum = 0.0;
        foreach (var slot in _ring)
        {
            if (slot is { } s && s.Bucket > oldest && s.Bucket <= current)
            {
                sum += Volatile.Read(ref s.Count);
            }
        }

        return sum;
    }

    private static void AddTo(ref double target, double amount)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + amount, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class Slot(long bucket)
    {
        public readonly long Bucket = bucket;
        public double Count;
    }
}

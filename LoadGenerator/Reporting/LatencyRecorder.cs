using HdrHistogram;

namespace LlmReference.LoadGenerator.Reporting;

/// <summary>
/// A thread-safe HdrHistogram of durations in microseconds, 1 µs to 1 h at 3 significant digits (0.1 % error at
/// every percentile, the tail included, which averaging or fixed buckets cannot give). Longer values are clamped to
/// the top, so a pathological wait is still counted as the worst value rather than lost.
/// </summary>
/// <remarks>
/// A plain histogram behind a lock rather than <c>LongConcurrentHistogram</c>: the concurrent one makes recording safe
/// but not reading, and its percentile iteration throws when a value lands meanwhile, which is exactly what live
/// progress does. At this tool's rates (at most a few thousand a second) the lock costs nothing measurable.
/// </remarks>
public sealed class LatencyRecorder
{
    private static readonly long Highest = (long)TimeSpan.FromHours(1).TotalMicroseconds;

    private readonly LongHistogram _histogram = new(1, Highest, 3);
    private readonly Lock _lock = new();

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public void Record(TimeSpan duration)
    {
        var microseconds = Math.Clamp((long)duration.TotalMicroseconds, 1, Highest);
        lock (_lock)
        {
            _histogram.RecordValue(microseconds);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_lock)
        {
            return _histogram.TotalCount == 0 ? LatencySummary.Empty : Summarize(_histogram);
        }
    }

    private static LatencySummary Summarize(LongHistogram histogram)
    {
        double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()),
            Math.Round(histogram.GetMean() / 1000.0, 3));
    }
}

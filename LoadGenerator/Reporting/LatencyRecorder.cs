using HdrHistogram;

namespace LlmReference.LoadGenerator.Reporting;

/// <summary>
/// A thread-safe HdrHistogram of durations in microseconds, 1 µs to 1 h at 3 significant digits (0.1 % error at
/// every percentile, the tail included, which averaging or fixed buckets cannot give). Longer values are clamped to
/// the top, so a pathological wait is still counted as the worst value rather than lost.
/// </summary>
public sealed class LatencyRecorder
{
    private static readonly long Highest = (long)TimeSpan.FromHours(1).TotalMicroseconds;

    private readonly LongConcurrentHistogram _histogram = new(1, Highest, 3);

    public long Count => _histogram.TotalCount;

    public void Record(TimeSpan duration) =>
        _histogram.RecordValue(Math.Clamp((long)duration.TotalMicroseconds, 1, Highest));

    public LatencySummary Summarize()
    {
        if (_histogram.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
        return new LatencySummary(
            _histogram.TotalCount,
            Ms(_histogram.GetValueAtPercentile(50)),
            Ms(_histogram.GetValueAtPercentile(90)),
            Ms(_histogram.GetValueAtPercentile(99)),
            Ms(_histogram.GetValueAtPercentile(99.9)),
            Ms(_histogram.GetMaxValue()),
            Math.Round(_histogram.GetMean() / 1000.0, 3));
    }
}

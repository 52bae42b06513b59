using System.Collections.Concurrent;
using LlmReference.LoadGenerator.Scenarios;

namespace LlmReference.LoadGenerator.Reporting;

/// <summary>
/// One scenario's running totals, updated from many requests at once. Three distributions:
/// <list type="bullet">
/// <item><b>latency</b>, from each request's intended send time to its end: what a user arriving on schedule waits,
/// queueing behind a stalled target included (the figure to compare with an SLO);</item>
/// <item><b>service time</b>, from actual send to end: what the target took once it had the request; the gap between
/// the two is the coordinated omission a closed-loop tool would have hidden;</item>
/// <item><b>time to first chunk</b> for streams, from the intended send time.</item>
/// </list>
/// </summary>
public sealed class ScenarioStatistics(string scenario)
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private readonly ConcurrentDictionary<OutcomeKind, long> _byKind = new();
    private long _sent;
    private long _succeeded;
    private long _notSent;

    public string Scenario { get; } = scenario;

    public LatencyRecorder Latency { get; } = new();

    public LatencyRecorder ServiceTime { get; } = new();

    public LatencyRecorder TimeToFirstChunk { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long NotSent => Interlocked.Read(ref _notSent);

    public long Errors => Sent + NotSent - Succeeded;

    public IReadOnlyDictionary<int, long> ByStatus => _byStatus;

    public IReadOnlyDictionary<OutcomeKind, long> ByKind => _byKind;

    /// <summary>A request that was sent and ended (in any way).</summary>
    public void RecordCompleted(RequestOutcome outcome, TimeSpan latency, TimeSpan serviceTime, TimeSpan? timeToFirstChunk)
    {
        Interlocked.Increment(ref _sent);
        if (outcome.IsSuccess)
        {
            Interlocked.Increment(ref _succeeded);
        }
        else
        {
            _byKind.AddOrUpdate(outcome.Kind, 1, (_, n) => n + 1);
        }

        if (outcome.StatusCode is { } status)
        {
            _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        }

        Latency.Record(latency);
        ServiceTime.Record(serviceTime);
        if (timeToFirstChunk is { } ttfc)
        {
            TimeToFirstChunk.Record(ttfc);
        }
    }

    /// <summary>
    /// A request that was due but never sent. Its latency is recorded as the time it had waited when the run gave up
    /// on it: a lower bound, but counted, so a saturated generator cannot make the tail look better than it was.
    /// </summary>
    public void RecordNotSent(TimeSpan waited)
    {
        Interlocked.Increment(ref _notSent);
        _byKind.AddOrUpdate(OutcomeKind.NotSent, 1, (_, n) => n + 1);
        Latency.Record(waited);
    }
}

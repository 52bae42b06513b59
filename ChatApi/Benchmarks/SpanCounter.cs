using System.Collections.Concurrent;
using System.Diagnostics;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>
/// Counts the activities (spans) that end in this process, by source, in the in-process mode: with every request
/// traced, spans per turn is what the dashboard has to ingest, so it is the telemetry volume a leaner pipeline can cut.
/// It listens without sampling anything in (<see cref="ActivitySamplingResult.None"/>), so it changes nothing: it sees
/// the spans the services' own OpenTelemetry setup records.
/// </summary>
internal sealed class SpanCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ActivityListener _listener;

    public SpanCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = activity => _counts.AddOrUpdate(activity.Source.Name, 1, static (_, n) => n + 1),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyDictionary<string, long> TakeCounts()
    {
        var snapshot = _counts.ToDictionary();
        _counts.Clear();
        return snapshot;
    }

    public void Dispose() => _listener.Dispose();
}

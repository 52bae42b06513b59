using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Telemetry;

namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>
/// Runs one scheduled request and records it. Shared by both models, so latency means the same in both: from the
/// request's intended time (in the closed model that is when its user was ready) to its end.
/// </summary>
public sealed class RequestExecutor(IScenario scenario, int seed, TimeProvider time, LoadStatistics statistics, LoadGeneratorMetrics? metrics)
{
    private long _startTimestamp = time.GetTimestamp();
    private int _inFlight;

    public TimeProvider Time => time;

    /// <summary>Requests sent and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Time since the run's start, the origin of every intended time.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(_startTimestamp);

    /// <summary>
    /// When the runner stopped sending (null while it sends): the achieved rate is over this window, not over the
    /// drain that follows, which would understate it.
    /// </summary>
    public TimeSpan? SendingEnded { get; private set; }

    /// <summary>Marks the run's start: intended times are offsets from now.</summary>
    public void Start() => _startTimestamp = time.GetTimestamp();

    /// <summary>Marks the end of sending; in-flight requests may still be completing.</summary>
    public void MarkSendingEnded() => SendingEnded ??= Elapsed;

    /// <summary>Sends <paramref name="request"/> and records how it ended. Never throws.</summary>
    public async Task ExecuteAsync(ScheduledRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        metrics?.Sending();
        var sent = time.GetTimestamp();
        RequestOutcome outcome;
        try
        {
            outcome = await scenario.ExecuteAsync(new RequestContext(request.Sequence, seed), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            outcome = new RequestOutcome(scenario.Name, OutcomeKind.Cancelled);
        }
        catch (Exception)
        {
            // A failure the scenario did not classify: count it rather than lose it or crash the run.
            outcome = new RequestOutcome(scenario.Name, OutcomeKind.InvalidResponse);
        }

        var ended = time.GetTimestamp();
        var latency = time.GetElapsedTime(_startTimestamp, ended) - request.Intended;
        TimeSpan? firstChunk = outcome.FirstChunkTimestamp is { } chunk ? time.GetElapsedTime(_startTimestamp, chunk) - request.Intended : null;
        var serviceTime = time.GetElapsedTime(sent, ended);
        statistics.For(outcome.Scenario).RecordCompleted(outcome, latency, serviceTime, firstChunk);
        statistics.All.RecordCompleted(outcome, latency, serviceTime, firstChunk);
        metrics?.Completed(outcome, latency);
        Interlocked.Decrement(ref _inFlight);
    }

    /// <summary>Records a request that was due at <paramref name="request"/>'s intended time and never sent.</summary>
    public void RecordNotSent(ScheduledRequest request)
    {
        var waited = Elapsed - request.Intended;
        statistics.For(scenario.Name).RecordNotSent(waited);
        statistics.All.RecordNotSent(waited);
        metrics?.NotSent(scenario.Name);
    }
}

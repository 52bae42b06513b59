namespace LlmReference.ModelServer.Latency;

/// <summary>
/// Emits tokens on the plan's schedule: the first after the time to first token, then each later token at
/// <c>first + i × time per token</c>, measured against the first token's actual time so that timer granularity never
/// accumulates (if one wait overshoots, the next is shorter). A stall shifts the rest of the schedule.
/// </summary>
internal sealed class Pacer(LatencyPlan plan, TimeProvider timeProvider)
{
    // Below this a wait is skipped and caught up on by a later one; timers cannot sleep for less.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly long _start = timeProvider.GetTimestamp();
    private TimeSpan? _firstToken;
    private TimeSpan _shift;

    public TimeSpan Elapsed => timeProvider.GetElapsedTime(_start);

    public async Task WaitForTokenAsync(int index, CancellationToken cancellationToken)
    {
        var due = _firstToken is { } first
            ? first + plan.TimePerToken * index + _shift
            : plan.TimeToFirstToken + _shift;
        var wait = due - Elapsed;
        if (wait >= MinimumWait)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }

        if (_firstToken is null)
        {
            _firstToken = Elapsed;
            _shift = TimeSpan.Zero;
        }
    }

    /// <summary>Moves every later token back by <paramref name="delay"/> (after a stall).</summary>
    public void Shift(TimeSpan delay) => _shift += delay;
}

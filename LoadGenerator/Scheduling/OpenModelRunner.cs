using LlmReference.LoadGenerator.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>
/// The open model: each request is sent at its intended time on the <see cref="ArrivalSchedule"/>, whether or not
/// earlier ones have been answered, and its latency runs from that intended time.
/// </summary>
/// <remarks>
/// <para><b>Why intended time.</b> If the target stalls for a second, users keep arriving during that second. A tool
/// that waits for an answer before sending the next request never sends them, so their waiting is never measured
/// ("coordinated omission") and p99 looks fine. Measuring from the timetable counts it.</para>
/// <para><b>The in-flight bound.</b> A dead target must not make the generator hold an unbounded number of requests.
/// At <c>maxInFlight</c> the scheduler waits for a slot; requests due meanwhile are sent as soon as slots free up,
/// still timed from their intended time, so the wait shows as latency. Requests still unsent when the send window
/// closes are counted as <c>not-sent</c> errors, with the time they had waited recorded as (a lower bound of) their
/// latency: nothing due is ever invisible. The schedule is computed, not queued, so waiting costs no memory.</para>
/// <para><b>Ending.</b> After the window, in-flight requests get <c>drainTimeout</c> to finish, then are cancelled.</para>
/// </remarks>
public sealed class OpenModelRunner(ArrivalSchedule schedule, long? maxCount, int maxInFlight, TimeSpan drainTimeout, ILogger logger) : ILoadRunner
{
    public string Describe() => string.Join(", ", schedule.Steps.Select(s => $"{s.RequestsPerSecond:0.###}/s for {DurationText.Format(s.Duration)}"))
        + (maxCount is { } count ? $", at most {count} requests" : string.Empty);

    public async Task RunAsync(RequestExecutor executor, CancellationToken stop)
    {
        var time = executor.Time;
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        using var inFlight = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var window = schedule.Duration;
        var warned = false;
        long sequence = 0;
        using var arrivals = schedule.IntendedTimes().GetEnumerator();
        try
        {
            while (arrivals.MoveNext() && (maxCount is not { } limit || sequence < limit))
            {
                var request = new ScheduledRequest(sequence++, arrivals.Current);
                var wait = request.Intended - executor.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stop).ConfigureAwait(false);
                }

                if (!slots.Wait(0))
                {
                    if (!warned)
                    {
                        Log.InFlightBoundReached(logger, maxInFlight);
                        warned = true;
                    }

                    if (!await WaitForSlotAsync(slots, window - executor.Elapsed, time, stop).ConfigureAwait(false))
                    {
                        RecordRestAsNotSent(executor, request, arrivals, sequence, maxCount);
                        break;
                    }
                }

                _ = SendAsync(executor, request, slots, inFlight.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: fall through to cancel what is in flight.
        }

        executor.MarkSendingEnded();
        await DrainAsync(slots, inFlight, time, stop.IsCancellationRequested ? TimeSpan.Zero : drainTimeout).ConfigureAwait(false);
    }

    private static async Task SendAsync(RequestExecutor executor, ScheduledRequest request, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await executor.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task<bool> WaitForSlotAsync(SemaphoreSlim slots, TimeSpan windowLeft, TimeProvider time, CancellationToken stop)
    {
        if (windowLeft <= TimeSpan.Zero)
        {
            return false;
        }

        using var windowEnd = new CancellationTokenSource(windowLeft, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(windowEnd.Token, stop);
        try
        {
            await slots.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private void RecordRestAsNotSent(RequestExecutor executor, ScheduledRequest first, IEnumerator<TimeSpan> arrivals, long sequence, long? maxCount)
    {
        long notSent = 1;
        executor.RecordNotSent(first);
        var now = executor.Elapsed;
        while (arrivals.MoveNext() && arrivals.Current <= now && (maxCount is not { } limit || sequence < limit))
        {
            executor.RecordNotSent(new ScheduledRequest(sequence++, arrivals.Current));
            notSent++;
        }

        Log.RequestsNotSent(logger, notSent);
    }

    // Taking every slot means every request has ended. Past the drain time, cancel and give them a moment to unwind.
    private async Task DrainAsync(SemaphoreSlim slots, CancellationTokenSource inFlight, TimeProvider time, TimeSpan timeout)
    {
        if (!await TakeAllAsync(slots, time, timeout).ConfigureAwait(false))
        {
            if (timeout > TimeSpan.Zero)
            {
                Log.DrainTimedOut(logger, timeout);
            }

            await inFlight.CancelAsync().ConfigureAwait(false);
            await TakeAllAsync(slots, time, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    private async Task<bool> TakeAllAsync(SemaphoreSlim slots, TimeProvider time, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        var taken = 0;
        try
        {
            for (; taken < maxInFlight; taken++)
            {
                await slots.WaitAsync(deadline.Token).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            if (taken > 0)
            {
                slots.Release(taken);
            }
        }
    }
}

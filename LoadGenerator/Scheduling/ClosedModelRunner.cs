namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>
/// The closed model: <c>users</c> virtual users, each sending its next request as soon as the previous one ends, for
/// <c>duration</c> (or until <c>maxCount</c> requests). Concurrency is exactly <c>users</c>, never more.
/// </summary>
/// <remarks>
/// A request's intended time is when its user became ready, i.e. when it is sent, so latency here equals service
/// time: when the target slows down the load slows with it and the waiting users never arrive. That is coordinated
/// omission by construction, which is why this model is an explicit opt-in (<c>--closed</c>) for throughput at fixed
/// concurrency, never the default for latency figures.
/// </remarks>
public sealed class ClosedModelRunner(int users, TimeSpan duration, long? maxCount, TimeSpan drainTimeout) : ILoadRunner
{
    private long _issued;

    public string Describe() => $"{users} closed-loop users for {DurationText.Format(duration)}"
        + (maxCount is { } count ? $", at most {count} requests" : string.Empty);

    public async Task RunAsync(RequestExecutor executor, CancellationToken stop)
    {
        // In-flight requests may finish for drainTimeout after the window, then are cancelled: the run always ends.
        using var hardStop = new CancellationTokenSource(duration + drainTimeout, executor.Time);
        using var inFlight = CancellationTokenSource.CreateLinkedTokenSource(stop, hardStop.Token);
        var workers = new Task[users];
        for (var i = 0; i < users; i++)
        {
            workers[i] = Task.Run(() => UserAsync(executor, inFlight.Token), CancellationToken.None);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        executor.MarkSendingEnded();
    }

    private async Task UserAsync(RequestExecutor executor, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && executor.Elapsed < duration)
        {
            var sequence = Interlocked.Increment(ref _issued) - 1;
            if (maxCount is { } limit && sequence >= limit)
            {
                return;
            }

            await executor.ExecuteAsync(new ScheduledRequest(sequence, executor.Elapsed), cancellationToken).ConfigureAwait(false);
        }
    }
}

namespace LlmReference.ModelServer.Tests;

/// <summary>
/// A clock that only timers move: a timer due in <c>d</c> fires at once and moves the clock on by <c>d</c>. Code that
/// paces itself with <c>Task.Delay(…, timeProvider)</c> then runs its schedule exactly, however slow the machine: time
/// spent computing between two waits is zero on this clock, so what a test reads from it is the server's own plan.
/// </summary>
/// <remarks>
/// Meant for one paced request at a time (waits of concurrent requests would add up). A periodic timer fires once:
/// nothing in the model server uses one.
/// </remarks>
internal sealed class VirtualClock : TimeProvider
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => Origin + TimeSpan.FromTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Fired();
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            // Not inline: Task.Delay expects its timer back before the callback runs.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!timer.Disposed)
                {
                    callback(state);
                }
            });
        }

        return timer;
    }

    private sealed class Fired : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !Disposed;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

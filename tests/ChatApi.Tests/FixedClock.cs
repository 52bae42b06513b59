namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Wall-clock time frozen at a chosen instant (so budget windows cannot roll over mid-test); timestamps for
/// measuring durations stay real.
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Ten seconds into a minute, so nothing in a test is near a window edge.</summary>
    public static FixedClock MidMinute() => new(new DateTimeOffset(2026, 3, 14, 9, 26, 10, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}

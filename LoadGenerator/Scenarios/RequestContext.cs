namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// What a scenario gets for one request: its sequence number and a random source seeded from the run's seed and that
/// number, so the same seed sends the same messages and users whatever the timing.
/// </summary>
public sealed class RequestContext(long sequence, int seed)
{
    public long Sequence { get; } = sequence;

    public Random Random { get; } = new(unchecked((int)((seed * 1_000_003L) ^ sequence)));
}

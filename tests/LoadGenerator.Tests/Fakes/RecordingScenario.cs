using System.Collections.Concurrent;
using LlmReference.LoadGenerator.Scenarios;

namespace LlmReference.LoadGenerator.Tests.Fakes;

/// <summary>A scenario that answers at once (or after <c>work</c>) and records when each request was sent and how many ran at once.</summary>
internal sealed class RecordingScenario(TimeProvider time, Func<CancellationToken, Task>? work = null) : IScenario
{
    private int _concurrent;
    private int _maxConcurrent;

    public string Name => "recording";

    public ConcurrentDictionary<long, DateTimeOffset> SentAt { get; } = new();

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public async Task<RequestOutcome> ExecuteAsync(RequestContext context, CancellationToken cancellationToken)
    {
        SentAt[context.Sequence] = time.GetUtcNow();
        var now = Interlocked.Increment(ref _concurrent);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }

        try
        {
            if (work is not null)
            {
                await work(cancellationToken);
            }

            return new RequestOutcome(Name, OutcomeKind.Success, 200);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }
}

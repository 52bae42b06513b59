using System.Collections.Concurrent;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Scored transactions waiting for their label: the delayed ground truth a bank learns from chargebacks. Bounded, so
/// a run that scores far more than it labels cannot grow memory without limit (the oldest are forgotten).
/// </summary>
public sealed class ScoredTransactionLedger(TimeProvider time, TimeSpan delay, int capacity = 100_000)
{
    private readonly ConcurrentQueue<Pending> _pending = new();

    public int Count => _pending.Count;

    public void Add(string transactionId, bool isFraud)
    {
        _pending.Enqueue(new Pending(transactionId, isFraud, time.GetUtcNow() + delay));
        while (_pending.Count > capacity && _pending.TryDequeue(out _))
        {
        }
    }

    /// <summary>The oldest transaction whose label is due, if any (labels go out in scoring order).</summary>
    public bool TryTakeDue(out string transactionId, out bool isFraud)
    {
        // Peek then dequeue can race another taker; a lost race just means this request finds nothing due.
        if (_pending.TryPeek(out var next) && next.DueAt <= time.GetUtcNow() && _pending.TryDequeue(out var taken))
        {
            (transactionId, isFraud) = (taken.TransactionId, taken.IsFraud);
            return true;
        }

        (transactionId, isFraud) = (string.Empty, false);
        return false;
    }

    private sealed record Pending(string TransactionId, bool IsFraud, DateTimeOffset DueAt);
}

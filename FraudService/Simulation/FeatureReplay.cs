using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Simulation;

/// <summary>
/// Computes, offline, the features the service would have computed for a time-ordered stream of transactions:
/// the same <see cref="FeatureBuilder"/> over an in-memory history kept like <c>TransactionStore</c> keeps it
/// (home = first country seen; typical amount from earlier transactions; velocity in the window).
/// </summary>
/// <remarks>
/// The store leaves declined transactions out of the typical amount; offline, the truth stands in for the
/// decision (fraud is left out), as if declines were perfect.
/// </remarks>
public static class FeatureReplay
{
    public static IEnumerable<(SimulatedTransaction Simulated, TransactionFeatures Features)> Replay(
        IEnumerable<SimulatedTransaction> transactions, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(options);
        var customers = new Dictionary<string, State>(StringComparer.Ordinal);
        foreach (var simulated in transactions)
        {
            var t = simulated.Transaction;
            if (!customers.TryGetValue(t.CustomerId, out var state))
            {
                state = new State();
                customers[t.CustomerId] = state;
            }

            var windowStart = t.Timestamp - options.VelocityWindow;
            while (state.Recent.Count > 0 && state.Recent.Peek() < windowStart)
            {
                state.Recent.Dequeue();
            }

            var history = new CustomerHistory(state.Home, state.Count, state.SumUsd, state.Recent.Count);
            var features = FeatureBuilder.Build(t, history, options.MinHistoryForTypicalAmount);
            yield return (simulated, features);

            state.Home ??= t.Country;
            state.Recent.Enqueue(t.Timestamp);
            if (!simulated.IsFraud)
            {
                state.Count++;
                state.SumUsd += features.AmountUsd;
            }
        }
    }

    private sealed class State
    {
        public string? Home { get; set; }

        public long Count { get; set; }

        public double SumUsd { get; set; }

        public Queue<DateTimeOffset> Recent { get; } = new();
    }
}

using System.Net.Http.Json;
using LlmReference.FraudService.Simulation;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Fraud scoring (<c>POST /api/fraud/score</c>) with transactions from FraudService's own seeded
/// <see cref="TransactionSimulator"/>, baseline or drifted, so the load has the feature distribution the model and its
/// drift monitor expect (random fields would only test validation). Each scored id goes to the label ledger.
/// </summary>
/// <remarks>
/// The transaction id is left to the service (a re-run with the same seed would otherwise collide with 409s); the
/// simulator's own ground truth is remembered for the delayed label.
/// </remarks>
public sealed class FraudScoreScenario(LoadTargets targets, TransactionSimulator simulator, TrafficProfile profile, ScoredTransactionLedger ledger, TimeProvider time)
    : ScenarioBase(ScenarioNames.FraudScore)
{
    public const string Path = "api/fraud/score";

    private readonly PriorityQueue<SimulatedTransaction, DateTimeOffset> _pending = new();
    private readonly Lock _lock = new();

    protected override async Task<RequestOutcome> SendAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var simulated = Next();
        var t = simulated.Transaction;
        var body = new ScoreBody(t.Amount, t.Currency, t.MerchantCategory, t.Country, t.CardPresent, t.Timestamp, t.CustomerId);
        using var request = Post(Path, body, userId: null);
        using var response = await targets.Fraud.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return Failed(response);
        }

        var scored = await response.Content.ReadFromJsonAsync<Scored>(Json, cancellationToken).ConfigureAwait(false);
        ledger.Add(scored?.TransactionId ?? throw new InvalidOperationException("The score has no transactionId."), simulated.Label);
        return Succeeded(response);
    }

    // The simulator is one stateful, non-thread-safe stream. A card-testing burst yields several transactions with
    // timestamps minutes ahead; they wait here until their time (as FraudService's own simulation does), since the
    // service rejects timestamps too far in the future. Each new event starts now, so the loop ends at once.
    private SimulatedTransaction Next()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (!_pending.TryPeek(out _, out var due) || due > now)
            {
                foreach (var transaction in simulator.NextEvent(now, profile))
                {
                    _pending.Enqueue(transaction, transaction.Transaction.Timestamp);
                }
            }

            return _pending.Dequeue();
        }
    }

    private sealed record ScoreBody(decimal Amount, string Currency, string MerchantCategory, string Country, bool CardPresent, DateTimeOffset Timestamp, string CustomerId);

    private sealed record Scored(string? TransactionId);
}

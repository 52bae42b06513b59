namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Delayed fraud labels (<c>POST /api/fraud/labels</c>) for transactions scored at least
/// <see cref="ScenarioSettings.LabelDelay"/> ago, with the simulator's (noisy) truth, so FraudService's realized
/// precision and recall have something to measure. When no label is due yet the request scores a transaction instead
/// (reported under <c>fraud-score</c>), so the arrival still happens and the ledger fills.
/// </summary>
public sealed class FraudLabelScenario(LoadTargets targets, ScoredTransactionLedger ledger, FraudScoreScenario scoring) : ScenarioBase(ScenarioNames.FraudLabel)
{
    public const string Path = "api/fraud/labels";

    protected override async Task<RequestOutcome> SendAsync(RequestContext context, CancellationToken cancellationToken)
    {
        if (!ledger.TryTakeDue(out var transactionId, out var isFraud))
        {
            return await scoring.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
        }

        using var request = Post(Path, new LabelBody(transactionId, isFraud), userId: null);
        using var response = await targets.Fraud.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? Succeeded(response) : Failed(response);
    }

    private sealed record LabelBody(string TransactionId, bool IsFraud);
}

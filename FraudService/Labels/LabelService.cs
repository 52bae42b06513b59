using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Transactions;

namespace LlmReference.FraudService.Labels;

/// <summary>
/// Matches labels to scored transactions, keeps the first label per transaction (repeats are idempotent), and feeds
/// accepted ones into the monitoring window of the model version that scored the transaction.
/// </summary>
public sealed class LabelService(TransactionStore store, LabelWindow window, FraudMetrics metrics, TimeProvider time, ILogger<LabelService> logger)
{
    public async Task<LabelResult> RecordAsync(string transactionId, bool isFraud, DateTimeOffset? labelledAt)
    {
        using var activity = FraudTelemetry.ActivitySource.StartActivity(FraudTelemetry.Spans.Label);
        activity?.SetTag(FraudTelemetry.Attributes.TransactionId, transactionId);
        var result = await RecordCoreAsync(transactionId, isFraud, labelledAt).ConfigureAwait(false);
        activity?.SetTag(FraudTelemetry.Attributes.LabelStatus, result.Status.ToWireName());
        return result;
    }

    private async Task<LabelResult> RecordCoreAsync(string transactionId, bool isFraud, DateTimeOffset? labelledAt)
    {
        var scored = await store.GetAsync(transactionId).ConfigureAwait(false);
        if (scored is null)
        {
            metrics.RecordLabel(LabelStatus.Unknown, null);
            Log.LabelForUnknownTransaction(logger, transactionId);
            return new LabelResult(transactionId, LabelStatus.Unknown);
        }

        var now = time.GetUtcNow();
        var (added, existing) = await store.TryAddLabelAsync(transactionId, new StoredLabel(isFraud, labelledAt ?? now, now)).ConfigureAwait(false);
        if (!added)
        {
            var status = existing is null || existing.IsFraud == isFraud ? LabelStatus.Duplicate : LabelStatus.Conflict;
            if (status == LabelStatus.Conflict)
            {
                Log.ConflictingLabel(logger, transactionId, existing!.IsFraud, isFraud);
            }

            metrics.RecordLabel(status, scored.ModelVersion);
            return new LabelResult(transactionId, status);
        }

        await window.AddAsync(scored.ModelVersion, alert: scored.Decision != Decision.Approve, fraud: isFraud).ConfigureAwait(false);
        metrics.RecordLabel(LabelStatus.Accepted, scored.ModelVersion);
        return new LabelResult(transactionId, LabelStatus.Accepted);
    }
}

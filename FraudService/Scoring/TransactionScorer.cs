using System.Diagnostics;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Transactions;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Scoring;

/// <summary>
/// Scores one validated transaction: reads the customer's history, builds features, asks the model, applies the
/// thresholds, stores the result (idempotently by transaction id), and records telemetry.
/// </summary>
public sealed class TransactionScorer(
    IFraudModel model,
    TransactionStore store,
    ScoredWindow window,
    IOptions<ScoringOptions> options,
    FraudMetrics metrics,
    TimeProvider time,
    ILogger<TransactionScorer> logger)
{
    private readonly ScoringOptions _options = options.Value;
    private readonly ModelThresholds _thresholds = options.Value.ThresholdsFor(model);

    public ModelThresholds Thresholds => _thresholds;

    public async Task<ScoringOutcome> ScoreAsync(CardTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var started = time.GetTimestamp();
        using var activity = FraudTelemetry.ActivitySource.StartActivity(FraudTelemetry.Spans.Score);
        activity?.SetTag(FraudTelemetry.Attributes.TransactionId, transaction.TransactionId);

        var history = await store.GetCustomerHistoryAsync(transaction.CustomerId, transaction.Timestamp, _options.VelocityWindow).ConfigureAwait(false);
        var features = FeatureBuilder.Build(transaction, history, _options.MinHistoryForTypicalAmount);
        var prediction = model.Predict(features);
        var decision = _thresholds.Decide(prediction.Score);
        var reasons = prediction.Reasons.Count <= _options.MaxReasons ? prediction.Reasons : prediction.Reasons.Take(_options.MaxReasons).ToArray();

        var scored = new ScoredTransaction(
            transaction.TransactionId, transaction.CustomerId, transaction.Amount, transaction.Currency, transaction.MerchantCategory,
            transaction.Country, transaction.CardPresent, transaction.Timestamp, features, prediction.Score, decision, model.Version,
            reasons, time.GetUtcNow());

        if (!await store.TryAddAsync(scored).ConfigureAwait(false))
        {
            return await ResolveExistingAsync(transaction, activity).ConfigureAwait(false);
        }

        await window.AddAsync(model.Version, features, prediction.Score).ConfigureAwait(false);
        metrics.RecordScored(decision, model.Version, prediction.Score, time.GetElapsedTime(started));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(FraudTelemetry.Attributes.Score, prediction.Score);
            activity.SetTag(FraudTelemetry.Attributes.Decision, decision.ToWireName());
            activity.SetTag(FraudTelemetry.Attributes.ModelVersion, model.Version);
            activity.SetTag(FraudTelemetry.Attributes.MerchantCategory, transaction.MerchantCategory);
        }

        if (decision == Decision.Decline)
        {
            Log.TransactionDeclined(logger, transaction.TransactionId, Pseudonym.Of(transaction.CustomerId), prediction.Score, model.Version,
                reasons.Count > 0 ? reasons[0].Code : "none");
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.TransactionScored(logger, transaction.TransactionId, Pseudonym.Of(transaction.CustomerId), prediction.Score, decision.ToWireName(), model.Version);
        }

        return new ScoringOutcome(ScoringStatus.Scored, scored.ToResponse());
    }

    // A retried request must not be scored twice (the second score would count the first in its velocity),
    // and an id reused for another transaction must not overwrite the first.
    private async Task<ScoringOutcome> ResolveExistingAsync(CardTransaction transaction, Activity? activity)
    {
        var existing = await store.GetAsync(transaction.TransactionId).ConfigureAwait(false);
        if (existing is not null && existing.ToTransaction() == transaction)
        {
            activity?.SetTag(FraudTelemetry.Attributes.Replayed, true);
            Log.TransactionReplayed(logger, transaction.TransactionId);
            return new ScoringOutcome(ScoringStatus.Replayed, existing.ToResponse());
        }

        activity?.SetStatus(ActivityStatusCode.Error, "transaction id conflict");
        Log.TransactionIdConflict(logger, transaction.TransactionId);
        return new ScoringOutcome(ScoringStatus.Conflict, null);
    }
}

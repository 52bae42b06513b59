namespace LlmReference.FraudService.Contracts;

/// <summary>The result of scoring one transaction.</summary>
/// <param name="TransactionId">The caller's id, or the generated one.</param>
/// <param name="Score">Fraud probability estimate, 0..1.</param>
/// <param name="Decision"><c>approve</c>, <c>review</c> or <c>decline</c>, from the configured thresholds.</param>
/// <param name="ModelVersion">Version of the model that produced the score (e.g. <c>rules-v1</c>).</param>
/// <param name="Reasons">The features that pushed the score up most, largest contribution first.</param>
/// <param name="ScoredAt">When the service scored it.</param>
public sealed record ScoreResponse(
    string TransactionId,
    double Score,
    Decision Decision,
    string ModelVersion,
    IReadOnlyList<ReasonCode> Reasons,
    DateTimeOffset ScoredAt);

namespace LlmReference.FraudService.Scoring;

/// <summary>One result per transaction, in request order.</summary>
public sealed record ScoreBatchResponse(IReadOnlyList<ScoreBatchItem> Results);

/// <summary>
/// The outcome for one transaction: <c>scored</c> or <c>replayed</c> (same id and content seen before) with its
/// <paramref name="Result"/>, or <c>conflict</c> (the id was used for a different transaction) without one.
/// </summary>
public sealed record ScoreBatchItem(string TransactionId, ScoringStatus Status, ScoreResponse? Result);

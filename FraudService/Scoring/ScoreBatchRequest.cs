using System.Text.Json.Serialization;

namespace LlmReference.FraudService.Scoring;

/// <summary>Several transactions to score at once (up to <c>Fraud:Api:MaxBatchSize</c>), scored in the given order.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScoreBatchRequest(IReadOnlyList<ScoreRequest?>? Transactions);

using System.Text.Json.Serialization;

namespace LlmReference.FraudService.Labels;

/// <summary>The late truth about a scored transaction (a chargeback, a confirmed fraud report, or a cleared review).</summary>
/// <param name="TransactionId">The id the transaction was scored under.</param>
/// <param name="IsFraud">Whether it turned out to be fraud.</param>
/// <param name="LabelledAt">When the truth became known; the server's time when omitted.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LabelRequest(string? TransactionId, bool? IsFraud, DateTimeOffset? LabelledAt);

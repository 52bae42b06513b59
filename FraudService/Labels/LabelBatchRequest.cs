using System.Text.Json.Serialization;

namespace LlmReference.FraudService.Labels;

/// <summary>Several labels at once (up to <c>Fraud:Labels:MaxBatchSize</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LabelBatchRequest(IReadOnlyList<LabelRequest>? Labels);

namespace LlmReference.FraudService.Labels;

/// <summary>Outcome of a label batch: counts, the ids that matched nothing, and one result per label in request order.</summary>
public sealed record LabelBatchResponse(
    int Accepted,
    int Duplicates,
    int Conflicts,
    IReadOnlyList<string> UnknownTransactionIds,
    IReadOnlyList<LabelResult> Results);

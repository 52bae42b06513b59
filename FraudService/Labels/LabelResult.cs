namespace LlmReference.FraudService.Labels;

/// <summary>The outcome for one label.</summary>
public sealed record LabelResult(string TransactionId, LabelStatus Status);

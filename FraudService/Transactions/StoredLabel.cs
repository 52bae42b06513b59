namespace LlmReference.FraudService.Transactions;

/// <summary>A label as kept in the store (<c>fraud:label:{id}</c>), with the transaction's TTL.</summary>
public sealed record StoredLabel(bool IsFraud, DateTimeOffset LabelledAt, DateTimeOffset ReceivedAt);

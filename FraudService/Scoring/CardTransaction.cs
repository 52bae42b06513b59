namespace LlmReference.FraudService.Scoring;

/// <summary>A validated card transaction: every field present and within its accepted set or range.</summary>
public sealed record CardTransaction(
    string TransactionId,
    decimal Amount,
    string Currency,
    string MerchantCategory,
    string Country,
    bool CardPresent,
    DateTimeOffset Timestamp,
    string CustomerId);

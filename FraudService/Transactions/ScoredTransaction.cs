using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Transactions;

/// <summary>
/// A scored transaction as kept in the store (<c>fraud:txn:{id}</c>) for later labelling and look-up:
/// the transaction, the features the model saw, and what it decided.
/// </summary>
public sealed record ScoredTransaction(
    string TransactionId,
    string CustomerId,
    decimal Amount,
    string Currency,
    string MerchantCategory,
    string Country,
    bool CardPresent,
    DateTimeOffset Timestamp,
    TransactionFeatures Features,
    double Score,
    Decision Decision,
    string ModelVersion,
    IReadOnlyList<ReasonCode> Reasons,
    DateTimeOffset ScoredAt)
{
    public CardTransaction ToTransaction() =>
        new(TransactionId, Amount, Currency, MerchantCategory, Country, CardPresent, Timestamp, CustomerId);

    public ScoreResponse ToResponse() => new(TransactionId, Score, Decision, ModelVersion, Reasons, ScoredAt);
}

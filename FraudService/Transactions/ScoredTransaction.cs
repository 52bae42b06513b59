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

    /// <summary>The record as a customer's list shows it (<see cref="CustomerTransaction"/>): without the features.</summary>
    public CustomerTransaction ToCustomerTransaction() => new(
        TransactionId, Amount, Currency, StoredCategory(), Country, CardPresent, Timestamp, Score, Decision, ModelVersion, Reasons, ScoredAt);

    // Only validated transactions are stored, so the category is one of the contract's; a record that is not is corrupt.
    private MerchantCategory StoredCategory() => MerchantCategoryNames.TryParse(MerchantCategory, out var category)
        ? category
        : throw new InvalidDataException($"Stored transaction '{TransactionId}' has the unknown merchant category '{MerchantCategory}'.");
}

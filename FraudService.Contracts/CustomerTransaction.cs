namespace LlmReference.FraudService.Contracts;

/// <summary>
/// One scored transaction in a customer's list: what was paid, where, and what the fraud check decided. The features
/// the model saw are not part of it (they are FraudService's internals, served per transaction by
/// <c>GET /api/fraud/transactions/{id}</c>).
/// </summary>
/// <param name="TransactionId">The caller's id, or the generated one.</param>
/// <param name="Amount">Amount in <paramref name="Currency"/> units.</param>
/// <param name="Currency">ISO 4217 alphabetic code, e.g. <c>EUR</c>.</param>
/// <param name="MerchantCategory">The merchant category it was scored under.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country of the merchant, e.g. <c>DE</c>.</param>
/// <param name="CardPresent">True for a chip/contactless purchase at a terminal, false for online or phone.</param>
/// <param name="Timestamp">When the transaction happened, with the terminal's UTC offset.</param>
/// <param name="Score">Fraud probability estimate, 0..1.</param>
/// <param name="Decision"><c>approve</c>, <c>review</c> or <c>decline</c>.</param>
/// <param name="ModelVersion">Version of the model that scored it.</param>
/// <param name="Reasons">The features that pushed the score up most, largest contribution first.</param>
/// <param name="ScoredAt">When the service scored it.</param>
public sealed record CustomerTransaction(
    string TransactionId,
    decimal Amount,
    string Currency,
    MerchantCategory MerchantCategory,
    string Country,
    bool CardPresent,
    DateTimeOffset Timestamp,
    double Score,
    Decision Decision,
    string ModelVersion,
    IReadOnlyList<ReasonCode> Reasons,
    DateTimeOffset ScoredAt);

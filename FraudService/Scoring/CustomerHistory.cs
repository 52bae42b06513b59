namespace LlmReference.FraudService.Scoring;

/// <summary>What the store knows about a customer before the transaction being scored.</summary>
/// <param name="HomeCountry">Country of the first transaction seen for the customer, or null for a new customer.</param>
/// <param name="TransactionCount">Transactions seen within the storage TTL that were not declined.</param>
/// <param name="TotalAmountUsd">Their total, in approximate US dollars.</param>
/// <param name="RecentTransactions">Transactions in the velocity window before this one.</param>
public sealed record CustomerHistory(string? HomeCountry, long TransactionCount, double TotalAmountUsd, int RecentTransactions)
{
    public static readonly CustomerHistory None = new(null, 0, 0, 0);
}

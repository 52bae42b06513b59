namespace LlmReference.FraudService.Transactions;

/// <summary>A customer's most recent scored transactions, newest first (an unknown customer has none).</summary>
public sealed record CustomerTransactions(string CustomerId, IReadOnlyList<ScoredTransaction> Transactions);

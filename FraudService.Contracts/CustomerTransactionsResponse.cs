namespace LlmReference.FraudService.Contracts;

/// <summary>
/// <c>GET /api/fraud/customers/{customerId}/transactions</c>: the customer's most recent scored transactions, newest
/// first (an unknown customer has none).
/// </summary>
public sealed record CustomerTransactionsResponse(string CustomerId, IReadOnlyList<CustomerTransaction> Transactions);

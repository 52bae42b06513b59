namespace LlmReference.ChatApi.Budgets;

/// <summary>What is left of a user's budgets after a reservation or charge.</summary>
public sealed record BudgetStatus(long RemainingThisMinute, long RemainingToday);

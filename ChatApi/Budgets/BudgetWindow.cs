namespace LlmReference.ChatApi.Budgets;

/// <summary>The clock minute (Unix minutes) and UTC day a reservation made <paramref name="At"/> is counted in.</summary>
public readonly record struct BudgetWindow(DateTimeOffset At, long Minute, DateOnly Day);

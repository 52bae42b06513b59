namespace LlmReference.ChatApi.Budgets;

/// <summary>Tokens held for one call in the minute and day windows it started in.</summary>
public sealed record BudgetReservation(string UserId, long Tokens, long MinuteWindow, DateOnly Day)
{
    /// <summary>A reservation that holds nothing (budgets disabled).</summary>
    public static BudgetReservation None(string userId) => new(userId, 0, 0, default);
}

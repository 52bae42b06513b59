namespace LlmReference.ChatApi.Budgets;

internal static partial class Log
{
    [LoggerMessage(EventId = 500, EventName = "BudgetExceeded", Level = LogLevel.Information,
        Message = "User {UserId} over the {Limit} token budget: {RequestedTokens} requested, {RemainingThisMinute} left this minute, {RemainingToday} today")]
    public static partial void BudgetExceeded(ILogger logger, string userId, string limit, long requestedTokens, long remainingThisMinute, long remainingToday);
}

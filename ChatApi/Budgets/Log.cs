using LlmReference.ChatApi.Compliance;

namespace LlmReference.ChatApi.Budgets;

internal static partial class Log
{
    [LoggerMessage(EventId = 500, EventName = "BudgetExceeded", Level = LogLevel.Information,
        Message = "User {UserId} over the {Limit} token budget: {RequestedTokens} requested, {RemainingThisMinute} left this minute, {RemainingToday} today")]
    public static partial void BudgetExceeded(ILogger logger, [CustomerId] string userId, string limit, long requestedTokens, long remainingThisMinute, long remainingToday);

    [LoggerMessage(EventId = 306, EventName = "BudgetReleaseFailed", Level = LogLevel.Warning,
        Message = "Could not return {Tokens} reserved tokens to user {UserId}'s budget after the model call failed ({CallFailure})")]
    public static partial void BudgetReleaseFailed(ILogger logger, [CustomerId] string userId, long tokens, string callFailure, Exception exception);
}

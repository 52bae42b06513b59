using LlmReference.ChatApi.Compliance;

namespace LlmReference.ChatApi.Feedback;

/// <summary>Feedback logs. Comments are never logged: they are customer text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 800, EventName = "FeedbackSaved", Level = LogLevel.Information,
        Message = "Feedback {Score} on response {ResponseId} from user {UserId}: {Result}")]
    public static partial void Saved(ILogger logger, string responseId, [CustomerId] string userId, string score, FeedbackResult result);

    [LoggerMessage(EventId = 801, EventName = "FeedbackForUnknownResponse", Level = LogLevel.Information,
        Message = "Feedback from user {UserId} on unknown or expired response {ResponseId}")]
    public static partial void UnknownResponse(ILogger logger, string responseId, [CustomerId] string userId);

    [LoggerMessage(EventId = 802, EventName = "FeedbackStoreUnavailable", Level = LogLevel.Warning,
        Message = "Feedback on response {ResponseId} could not be stored")]
    public static partial void StoreUnavailable(ILogger logger, string responseId, Exception exception);
}

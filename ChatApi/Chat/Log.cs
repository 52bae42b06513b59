using LlmReference.ChatApi.Compliance;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// Chat logs. Message text is logged only at Trace, only when <c>Llm:CaptureContent</c> is on, and always through
/// the PII redactor (<see cref="CustomerTextAttribute"/>).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 300, EventName = "ChatTurnCompleted", Level = LogLevel.Information,
        Message = "Chat turn for session {SessionId} answered by {Model} ({ResponseId}): {InputTokens} input / {OutputTokens} output tokens in {ElapsedMs:F0} ms")]
    public static partial void ChatTurnCompleted(ILogger logger, string sessionId, string model, string? responseId, int inputTokens, int outputTokens, double elapsedMs);

    [LoggerMessage(EventId = 301, EventName = "ModelUnavailable", Level = LogLevel.Warning,
        Message = "Model {Model} unavailable for session {SessionId}")]
    public static partial void ModelUnavailable(ILogger logger, string sessionId, string model, Exception exception);

    /// <summary>No exception attached: its message is the provider's text (see <see cref="ModelRejectionText"/>).</summary>
    [LoggerMessage(EventId = 302, EventName = "ModelRejectedRequest", Level = LogLevel.Error,
        Message = "Deployment {Deployment} ({Model}) rejected the request for session {SessionId} with HTTP {StatusCode} ({ProviderErrorCode})")]
    public static partial void ModelRejected(ILogger logger, string sessionId, string deployment, string model, int statusCode, string providerErrorCode);

    /// <summary>The provider's own words may quote the prompt: at Trace, redacted, and only with content capture on.</summary>
    [LoggerMessage(EventId = 314, EventName = "ModelRejectionText", Level = LogLevel.Trace,
        Message = "Deployment {Deployment} said for session {SessionId}: {ProviderText}")]
    public static partial void ModelRejectionText(ILogger logger, string sessionId, string deployment, [CustomerText] string providerText);

    [LoggerMessage(EventId = 303, EventName = "HistoryStoreUnavailable", Level = LogLevel.Warning,
        Message = "History store unavailable for session {SessionId}")]
    public static partial void StoreUnavailable(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 304, EventName = "SessionConflict", Level = LogLevel.Warning,
        Message = "Session {SessionId} kept changing under concurrent requests; turn not stored")]
    public static partial void SessionConflict(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 305, EventName = "PromptFitted", Level = LogLevel.Debug,
        Message = "Left {DroppedTurns} old turns of session {SessionId} out of the prompt to fit {PromptTokens}/{MaxPromptTokens} tokens")]
    public static partial void PromptFitted(ILogger logger, string sessionId, int droppedTurns, int promptTokens, int maxPromptTokens);


    [LoggerMessage(EventId = 307, EventName = "StreamAbandonedByClient", Level = LogLevel.Information,
        Message = "Client left the stream of session {SessionId}; the model call was cancelled")]
    public static partial void StreamAbandonedByClient(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 308, EventName = "StreamFailed", Level = LogLevel.Warning,
        Message = "Stream of session {SessionId} ended with {Outcome}")]
    public static partial void StreamFailed(ILogger logger, string sessionId, string outcome, Exception exception);


    [LoggerMessage(EventId = 310, EventName = "PromptContent", Level = LogLevel.Trace,
        Message = "Prompt for session {SessionId}: {Prompt}")]
    public static partial void PromptContent(ILogger logger, string sessionId, [CustomerText] string prompt);


    [LoggerMessage(EventId = 313, EventName = "SessionRestarted", Level = LogLevel.Information,
        Message = "Session {PreviousSessionId} has no stored history (expired or lost); the conversation restarts as session {SessionId}")]
    public static partial void SessionRestarted(ILogger logger, string previousSessionId, string sessionId);

    [LoggerMessage(EventId = 311, EventName = "CompletionContent", Level = LogLevel.Trace,
        Message = "Completion for session {SessionId}: {Completion}")]
    public static partial void CompletionContent(ILogger logger, string sessionId, [CustomerText] string completion);
}

namespace LlmReference.ChatApi.Llm;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, EventName = "LlmProviderConfigured", Level = LogLevel.Information,
        Message = "LLM provider {Provider} at {Endpoint}, model {Model}, API key set: {HasApiKey}, content capture: {CaptureContent}")]
    public static partial void ProviderConfigured(ILogger logger, LlmProvider provider, Uri endpoint, string model, bool hasApiKey, bool captureContent);

    [LoggerMessage(EventId = 309, EventName = "FailedOver", Level = LogLevel.Warning,
        Message = "Deployment {From} unavailable for session {SessionId} ({ErrorType}); trying {To}")]
    public static partial void FailedOver(ILogger logger, string sessionId, string from, string to, string errorType);
}

namespace LlmReference.ChatApi.Llm;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, EventName = "LlmDeploymentConfigured", Level = LogLevel.Information,
        Message = "LLM deployment {Position} {Deployment}: model {Model} at {Endpoint}, API key set: {HasApiKey}, content capture: {CaptureContent}")]
    public static partial void DeploymentConfigured(ILogger logger, int position, string deployment, string model, Uri endpoint, bool hasApiKey, bool captureContent);

    [LoggerMessage(EventId = 309, EventName = "FailedOver", Level = LogLevel.Warning,
        Message = "Deployment {From} unavailable for session {SessionId} ({ErrorType}); trying {To}")]
    public static partial void FailedOver(ILogger logger, string sessionId, string from, string to, string errorType);
}

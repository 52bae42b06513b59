namespace LlmReference.ChatApi.Llm;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, EventName = "LlmDeploymentConfigured", Level = LogLevel.Information,
        Message = "LLM deployment {Position} {Deployment}: model {Model} at {Endpoint}, API key set: {HasApiKey}, content capture: {CaptureContent}")]
    public static partial void DeploymentConfigured(ILogger logger, int position, string deployment, string model, Uri endpoint, bool hasApiKey, bool captureContent);
}

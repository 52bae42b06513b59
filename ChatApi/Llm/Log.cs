namespace LlmReference.ChatApi.Llm;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, EventName = "LlmProviderConfigured", Level = LogLevel.Information,
        Message = "LLM provider {Provider} at {Endpoint}, model {Model}, API key set: {HasApiKey}, content capture: {CaptureContent}")]
    public static partial void ProviderConfigured(ILogger logger, LlmProvider provider, Uri endpoint, string model, bool hasApiKey, bool captureContent);
}

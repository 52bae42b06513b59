namespace LlmReference.ChatApi.Identity;

internal static partial class Log
{
    [LoggerMessage(EventId = 400, EventName = "InvalidApiKey", Level = LogLevel.Warning,
        Message = "Rejected an invalid API key from {RemoteAddress}")]
    public static partial void InvalidApiKey(ILogger logger, string? remoteAddress);
}

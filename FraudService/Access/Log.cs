namespace LlmReference.FraudService.Access;

internal static partial class Log
{
    // Neither message carries the key, valid or not: a mistyped key is often one character from the real one.
    [LoggerMessage(EventId = 5001, EventName = "FraudApiKeyMissing", Level = LogLevel.Information,
        Message = "Refused {Method} {Path}: no API key was sent")]
    public static partial void MissingApiKey(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 5002, EventName = "FraudApiKeyInvalid", Level = LogLevel.Warning,
        Message = "Refused {Method} {Path}: the API key sent is not valid (client {ClientAddress})")]
    public static partial void InvalidApiKey(ILogger logger, string method, string path, string? clientAddress);
}

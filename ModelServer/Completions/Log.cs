namespace LlmReference.ModelServer.Completions;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "CompletionServed", Level = LogLevel.Information,
        Message = "Deployment {Deployment} served {Model} (stream={Stream}): {PromptTokens} prompt + {CompletionTokens} completion tokens, finish {FinishReason}")]
    public static partial void CompletionServed(ILogger logger, string deployment, string model, bool stream, int promptTokens, int completionTokens, string finishReason);

    [LoggerMessage(EventId = 1002, EventName = "RateLimited", Level = LogLevel.Warning,
        Message = "Deployment {Deployment} rate limited a request: {Quota} per minute exhausted, retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string deployment, string quota, int retryAfterSeconds);

    [LoggerMessage(EventId = 1003, EventName = "ContextLengthExceeded", Level = LogLevel.Information,
        Message = "Request for {Model} exceeds the context window: {RequestedTokens} of {ContextWindow} tokens")]
    public static partial void ContextLengthExceeded(ILogger logger, string model, int requestedTokens, int contextWindow);
}

namespace LlmReference.ChatApi.Caching;

internal static partial class Log
{
    [LoggerMessage(EventId = 900, EventName = "SemanticCacheEmbeddingFailed", Level = LogLevel.Warning,
        Message = "Semantic cache skipped: embedding with {EmbeddingModel} failed")]
    public static partial void EmbeddingFailed(ILogger logger, string embeddingModel, Exception exception);

    [LoggerMessage(EventId = 901, EventName = "SemanticCacheLookupFailed", Level = LogLevel.Warning,
        Message = "Semantic cache lookup failed; answering without it")]
    public static partial void LookupFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 902, EventName = "SemanticCacheStoreFailed", Level = LogLevel.Warning,
        Message = "Semantic cache entry could not be stored")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 312, EventName = "SemanticCacheHit", Level = LogLevel.Debug,
        Message = "Semantic cache answered session {SessionId} at similarity {Similarity}")]
    public static partial void SemanticCacheHit(ILogger logger, string sessionId, double similarity);
}

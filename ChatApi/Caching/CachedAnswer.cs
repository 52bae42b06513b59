using Microsoft.Extensions.AI;

namespace LlmReference.ChatApi.Caching;

/// <summary>A stored answer: the reply and what the model that wrote it reported.</summary>
public sealed record CachedAnswer(string Reply, string Model, string? ResponseId, int InputTokens, int OutputTokens)
{
    /// <summary>The answer as the pipeline returns it; a cached answer used no tokens this time.</summary>
    public ChatResponse ToResponse() => new(new ChatMessage(ChatRole.Assistant, Reply))
    {
        ModelId = Model,
        ResponseId = ResponseId,
        FinishReason = ChatFinishReason.Stop,
    };
}

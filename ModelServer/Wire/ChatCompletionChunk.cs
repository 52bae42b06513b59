using System.Text.Json.Serialization;

namespace LlmReference.ModelServer.Wire;

/// <summary>One streamed event, <c>object: "chat.completion.chunk"</c>. The usage-only final chunk has no choices.</summary>
internal sealed record ChatCompletionChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("system_fingerprint")] string SystemFingerprint,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChunkChoice> Choices,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] Usage? Usage)
{
    [JsonPropertyName("object")] public string Object => "chat.completion.chunk";
}

internal sealed record ChunkChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] ChunkDelta Delta,
    [property: JsonPropertyName("finish_reason"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    [JsonPropertyName("logprobs"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public object? Logprobs => null;
}

internal sealed record ChunkDelta(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<ToolCall>? ToolCalls);

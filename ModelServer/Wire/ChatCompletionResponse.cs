using System.Text.Json.Serialization;

namespace LlmReference.ModelServer.Wire;

/// <summary><c>object: "chat.completion"</c>, as OpenAI sends it.</summary>
internal sealed record ChatCompletionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("system_fingerprint")] string SystemFingerprint,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice> Choices,
    [property: JsonPropertyName("usage")] Usage Usage)
{
    [JsonPropertyName("object")] public string Object => "chat.completion";
}

internal sealed record ChatChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] AssistantMessage Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason)
{
    [JsonPropertyName("logprobs"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public object? Logprobs => null;
}

internal sealed record AssistantMessage(
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Content,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<ToolCall>? ToolCalls)
{
    [JsonPropertyName("role")] public string Role => "assistant";
    [JsonPropertyName("refusal"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Refusal => null;
}

internal sealed record ToolCall
{
    /// <summary>Only in streamed deltas.</summary>
    [JsonPropertyName("index")] public int? Index { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("function")] public FunctionCall? Function { get; init; }
}

internal sealed record FunctionCall
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("arguments")] public string? Arguments { get; init; }
}

internal sealed record Usage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens)
{
    [JsonPropertyName("total_tokens")] public int TotalTokens => PromptTokens + CompletionTokens;
    [JsonPropertyName("prompt_tokens_details")] public PromptTokensDetails PromptTokensDetails { get; } = new(0);
    [JsonPropertyName("completion_tokens_details")] public CompletionTokensDetails CompletionTokensDetails { get; } = new(0);
}

internal sealed record PromptTokensDetails([property: JsonPropertyName("cached_tokens")] int CachedTokens);

internal sealed record CompletionTokensDetails([property: JsonPropertyName("reasoning_tokens")] int ReasoningTokens);

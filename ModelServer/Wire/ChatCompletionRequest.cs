using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmReference.ModelServer.Wire;

/// <summary>The body of <c>POST /v1/chat/completions</c>; fields the server ignores (penalties, logprobs, ...) are dropped on read.</summary>
internal sealed record ChatCompletionRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("messages")] public List<ChatMessage>? Messages { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }
    [JsonPropertyName("stream_options")] public StreamOptions? StreamOptions { get; init; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; init; }
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }
    [JsonPropertyName("top_p")] public double? TopP { get; init; }
    [JsonPropertyName("n")] public int? N { get; init; }

    /// <summary>A string or an array of up to 4 strings.</summary>
    [JsonPropertyName("stop")] public JsonElement? Stop { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("tools")] public List<ToolDefinition>? Tools { get; init; }

    /// <summary><c>"none"</c>, <c>"auto"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name":...}}</c>.</summary>
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; init; }
}

internal sealed record StreamOptions
{
    [JsonPropertyName("include_usage")] public bool? IncludeUsage { get; init; }
}

internal sealed record ChatMessage
{
    [JsonPropertyName("role")] public string? Role { get; init; }

    /// <summary>A string, an array of content parts, or null (assistant messages that only call tools).</summary>
    [JsonPropertyName("content")] public JsonElement? Content { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tool_calls")] public List<ToolCall>? ToolCalls { get; init; }
    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; init; }
}

internal sealed record ToolDefinition
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("function")] public FunctionDefinition? Function { get; init; }
}

internal sealed record FunctionDefinition
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("parameters")] public JsonElement? Parameters { get; init; }
}

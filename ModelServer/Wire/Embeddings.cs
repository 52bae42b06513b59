using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmReference.ModelServer.Wire;

internal sealed record EmbeddingRequest
{
    /// <summary>A string, an array of strings, an array of token ids, or an array of token-id arrays.</summary>
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32, what the official .NET client asks for).</summary>
    [JsonPropertyName("encoding_format")] public string? EncodingFormat { get; init; }
    [JsonPropertyName("dimensions")] public int? Dimensions { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
}

internal sealed record EmbeddingResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingItem> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingUsage Usage)
{
    [JsonPropertyName("object")] public string Object => "list";
}

/// <summary><see cref="Embedding"/> is a float array or a base64 string, depending on <c>encoding_format</c>.</summary>
internal sealed record EmbeddingItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] JsonElement Embedding)
{
    [JsonPropertyName("object")] public string Object => "embedding";
}

internal sealed record EmbeddingUsage([property: JsonPropertyName("prompt_tokens")] int PromptTokens)
{
    [JsonPropertyName("total_tokens")] public int TotalTokens => PromptTokens;
}

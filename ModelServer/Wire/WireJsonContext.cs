using System.Text.Json.Serialization;

namespace LlmReference.ModelServer.Wire;

/// <summary>Source-generated serialisation for OpenAI's wire format (names are explicit on every property).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(float[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class WireJsonContext : JsonSerializerContext;

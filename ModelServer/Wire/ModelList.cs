using System.Text.Json.Serialization;

namespace LlmReference.ModelServer.Wire;

internal sealed record ModelList([property: JsonPropertyName("data")] IReadOnlyList<ModelInfo> Data)
{
    [JsonPropertyName("object")] public string Object => "list";
}

internal sealed record ModelInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy)
{
    [JsonPropertyName("object")] public string Object => "model";
}

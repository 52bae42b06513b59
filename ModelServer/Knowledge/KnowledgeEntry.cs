using System.Text.Json.Serialization;

namespace LlmReference.ModelServer.Knowledge;

/// <summary>One topic the model knows: <see cref="Text"/> answers a question, <see cref="More"/> answers "tell me more".</summary>
internal sealed record KnowledgeEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("keywords")] IReadOnlyList<string> Keywords,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("more")] string More);

internal sealed record KnowledgeFile(
    [property: JsonPropertyName("entries")] IReadOnlyList<KnowledgeEntry> Entries,
    [property: JsonPropertyName("fallbacks")] IReadOnlyList<string> Fallbacks,
    [property: JsonPropertyName("openers")] IReadOnlyList<string> Openers);

[JsonSerializable(typeof(KnowledgeFile))]
internal sealed partial class KnowledgeJsonContext : JsonSerializerContext;

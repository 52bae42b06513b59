using System.Text.Json;
using LlmReference.ModelServer.Wire;

namespace LlmReference.ModelServer.Completions;

/// <summary>A chat request that passed validation, with its polymorphic fields resolved.</summary>
internal sealed record ValidatedChatRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    bool Stream,
    bool IncludeUsage,
    int? MaxTokens,
    IReadOnlyList<string> Stops,
    long Seed,
    double? Temperature,
    IReadOnlyList<ToolDefinition> Tools,
    JsonElement? ToolChoice);

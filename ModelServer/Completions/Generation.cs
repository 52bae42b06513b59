using LlmReference.ModelServer.Tools;

namespace LlmReference.ModelServer.Completions;

/// <summary>What the model decided to say: text, or one tool call; and the knowledge entry it drew on.</summary>
internal sealed record Generation(string? Content, PlannedToolCall? ToolCall, string? EntryId);

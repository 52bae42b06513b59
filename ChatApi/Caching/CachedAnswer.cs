namespace LlmReference.ChatApi.Caching;

/// <summary>What is stored per cache entry: the answer and where it came from.</summary>
public sealed record CachedAnswer(string Reply, string Model, string? ResponseId, int InputTokens, int OutputTokens);

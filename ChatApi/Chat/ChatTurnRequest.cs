namespace LlmReference.ChatApi.Chat;

/// <summary>One validated chat request: the caller, the session id it sent (if any), its message and the cache bypass.</summary>
public sealed record ChatTurnRequest(string UserId, string? SessionId, string Message, bool BypassCache);

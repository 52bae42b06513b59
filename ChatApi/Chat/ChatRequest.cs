namespace LlmReference.ChatApi.Chat;

/// <summary>Body of <c>POST /api/chat</c>. Unknown fields are rejected.</summary>
/// <param name="SessionId">Continue this session; omit to start a new one. 1-64 of <c>[A-Za-z0-9_-]</c>.</param>
/// <param name="Message">The customer's message; required, at most <c>Chat:MaxMessageLength</c> characters.</param>
public sealed record ChatRequest(string? SessionId, string? Message);

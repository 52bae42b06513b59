namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>The body of <c>POST /api/chat</c> and <c>/api/chat/stream</c> (only what the generator sends).</summary>
public sealed record ChatMessage(string Message, string? SessionId = null);

namespace LlmReference.ChatApi.Chat;

/// <summary>Reply to <c>POST /api/chat</c>.</summary>
/// <param name="SessionId">The session to send with the next message (a new one unless <paramref name="SessionStatus"/> is <c>continued</c>).</param>
/// <param name="Reply">The assistant's answer.</param>
/// <param name="Model">The model that answered, as the model reported it.</param>
/// <param name="Usage">Tokens the model counted for this turn.</param>
/// <param name="ResponseId">The model's completion id; feedback refers to it.</param>
/// <param name="TraceId">W3C trace id of this request, for finding its trace.</param>
/// <param name="Cached">True when the answer was served from the response cache (usage is then zero: no model call).</param>
/// <param name="Deployment">The deployment that answered (<c>model</c>, <c>model-fallback</c>, ...); null for a cached answer.</param>
/// <param name="SessionStatus">
/// <c>new</c> (no <c>sessionId</c> sent), <c>continued</c> (its history was found), or <c>restarted</c>: the
/// <c>sessionId</c> sent has no stored history (expired or lost), so the model saw none of the earlier conversation
/// and this turn starts a new session under a new <paramref name="SessionId"/>.
/// </param>
/// <param name="PreviousSessionId">The unknown <c>sessionId</c> that was sent, when <c>restarted</c>; otherwise null.</param>
public sealed record ChatResponse(
    string SessionId, string Reply, string Model, ChatUsage Usage, string? ResponseId, string? TraceId, bool Cached = false, string? Deployment = null,
    string SessionStatus = Sessions.SessionStatus.New, string? PreviousSessionId = null);

/// <summary>Token usage of one turn.</summary>
public sealed record ChatUsage(int InputTokens, int OutputTokens);

namespace LlmReference.ChatApi.Sessions;

/// <summary>The session a turn belongs to, once its history was looked up.</summary>
/// <param name="Id">The session the turn is stored under; the client sends it with the next message.</param>
/// <param name="Status">A <see cref="SessionStatus"/> value.</param>
/// <param name="PreviousId">The unknown id the client sent, when <see cref="SessionStatus.Restarted"/>; otherwise null.</param>
public sealed record ResolvedSession(string Id, string Status, string? PreviousId)
{
    /// <summary>
    /// Resolves the id a client sent against what the store holds: a missing id is a new session, a known one
    /// continues, an unknown one (expired or lost) restarts under a fresh id rather than silently reusing the old one.
    /// </summary>
    public static ResolvedSession For(string? requestedId, bool historyFound) => (requestedId, historyFound) switch
    {
        (null, _) => new(SessionId.New(), SessionStatus.New, null),
        (_, true) => new(requestedId, SessionStatus.Continued, null),
        _ => new(SessionId.New(), SessionStatus.Restarted, requestedId),
    };
}

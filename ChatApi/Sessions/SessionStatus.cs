namespace LlmReference.ChatApi.Sessions;

/// <summary>What became of the session a chat request named (<c>sessionStatus</c> in answers).</summary>
public static class SessionStatus
{
    /// <summary>No <c>sessionId</c> was sent: a new conversation under a new id.</summary>
    public const string New = "new";

    /// <summary>The session's history was found and the conversation goes on under the same id.</summary>
    public const string Continued = "continued";

    /// <summary>
    /// A <c>sessionId</c> was sent but no history is stored under it (it expired after <c>Sessions:Ttl</c> idle, or
    /// was lost): the message starts a new conversation under a new id, and the answer says so with
    /// <c>previousSessionId</c>, so that a client never believes the model remembers what it does not.
    /// </summary>
    public const string Restarted = "restarted";
}

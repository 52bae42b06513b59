namespace LlmReference.ChatApi.Sessions;

/// <summary>The session kept changing under us: other requests for it won every write attempt.</summary>
public sealed class SessionConflictException(string sessionId, int attempts)
    : Exception($"Session '{sessionId}' was changed by concurrent requests {attempts} times in a row.")
{
    public string SessionId { get; } = sessionId;
}

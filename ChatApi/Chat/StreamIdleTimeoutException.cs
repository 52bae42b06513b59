namespace LlmReference.ChatApi.Chat;

/// <summary>The model stopped sending tokens for longer than <c>Chat:StreamIdleTimeout</c>.</summary>
public sealed class StreamIdleTimeoutException(TimeSpan idleTimeout)
    : Exception($"The model sent nothing for {idleTimeout.TotalSeconds:0.#} s.")
{
    public TimeSpan IdleTimeout { get; } = idleTimeout;
}

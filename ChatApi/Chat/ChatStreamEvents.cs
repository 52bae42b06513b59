namespace LlmReference.ChatApi.Chat;

/// <summary>Server-sent event names of <c>POST /api/chat/stream</c>.</summary>
public static class ChatStreamEvents
{
    /// <summary>A piece of the answer: <see cref="ChatDelta"/>.</summary>
    public const string Delta = "delta";

    /// <summary>The last event of a successful answer: <see cref="ChatStreamDone"/>.</summary>
    public const string Done = "done";

    /// <summary>The last event of a failed answer: <see cref="ChatStreamError"/>.</summary>
    public const string Error = "error";
}

/// <summary>A piece of the answer.</summary>
public sealed record ChatDelta(string Text);

/// <summary>Sent once the answer is complete and stored.</summary>
/// <param name="LatencyMs">From request to last chunk, in milliseconds.</param>
/// <param name="TimeToFirstChunkMs">From request to the first chunk, in milliseconds.</param>
/// <param name="Deployment">The deployment that answered; null for a cached answer.</param>
/// <param name="SessionStatus"><c>new</c>, <c>continued</c> or <c>restarted</c>, as in <see cref="ChatResponse.SessionStatus"/> (also the <c>X-Session-Status</c> header).</param>
/// <param name="PreviousSessionId">The unknown <c>sessionId</c> that was sent, when <c>restarted</c>; otherwise null.</param>
public sealed record ChatStreamDone(
    string SessionId, string Model, ChatUsage Usage, string? ResponseId, string? TraceId, double LatencyMs, double TimeToFirstChunkMs,
    bool Cached, string? Deployment, string SessionStatus, string? PreviousSessionId);

/// <summary>Ends a stream that failed after it started, with the fields a problem details body would carry.</summary>
public sealed record ChatStreamError(int Status, string Title, string Detail, string? TraceId);

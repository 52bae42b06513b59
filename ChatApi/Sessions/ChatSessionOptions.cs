using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Sessions;

/// <summary>How conversation history is kept in Redis, bound from the <c>Sessions</c> section.</summary>
public sealed class ChatSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>Idle time after which a session's history expires; every turn restarts it. Default: 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Most recent user/assistant turns kept (and sent to the model); older ones are dropped, the system prompt
    /// always stays. Bounds both the prompt size and the Redis value. Default: 20.
    /// </summary>
    [Range(1, 1000)]
    public int MaxTurns { get; set; } = 20;

    /// <summary>
    /// Attempts to store a turn when other requests changed the same session meanwhile (optimistic concurrency);
    /// after the last one the request gets 409. Default: 10.
    /// </summary>
    [Range(1, 100)]
    public int MaxWriteAttempts { get; set; } = 10;
}

using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.RateLimiting;

/// <summary>
/// The overall request rate limit on the chat endpoints (ASP.NET Core rate limiting, fixed window per caller),
/// bound from the <c>RateLimiting</c> section. It protects the service; per-user token budgets are separate. Both
/// limits are counted in the cache (Redis), so every replica applies a caller's limit once, together.
/// </summary>
public sealed class ChatRateLimitOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests one caller may make per <see cref="Window"/>, across all replicas. Default: 60.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 60;

    /// <summary>Length of the fixed window, which starts at a caller's first request. Default: 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Requests over the limit that wait for the next window instead of being refused, per replica (the count itself
    /// is shared). Default: 0 (refuse at once).
    /// </summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; }

    /// <summary>Streams (<c>POST /api/chat/stream</c>) one caller may have open at once, across all replicas. Default: 2.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentStreamsPerUser { get; set; } = 2;

    /// <summary>
    /// How long an open stream's permit lives in the cache without being renewed. The replica serving the stream
    /// renews it every third of this; a replica that dies stops renewing, and its permits free themselves after at
    /// most this long. Default: 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan StreamLeaseTtl { get; set; } = TimeSpan.FromMinutes(1);
}

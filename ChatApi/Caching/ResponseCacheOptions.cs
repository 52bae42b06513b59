using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Caching;

/// <summary>
/// Exact-match cache of model answers for single-turn prompts (a new session's first message), bound from the
/// <c>ResponseCache</c> section. Multi-turn prompts are never cached: their answer depends on the conversation.
/// </summary>
public sealed class ResponseCacheOptions
{
    public const string SectionName = "ResponseCache";

    /// <summary>Header value that skips the cache lookup for one request (<c>Cache-Control: no-cache</c>).</summary>
    public const string BypassDirective = "no-cache";

    /// <summary>Use the cache. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long an answer is served from the cache. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);
}

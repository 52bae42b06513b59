using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Feedback;

/// <summary>Thumbs up/down on answers, bound from the <c>Feedback</c> section.</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    /// <summary>Longest accepted comment, in characters. Default: 1000.</summary>
    [Range(0, 100_000)]
    public int MaxCommentLength { get; set; } = 1000;

    /// <summary>Largest accepted feedback request body, in bytes; larger bodies get 413. Default: 8 KiB.</summary>
    [Range(256, 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024;

    /// <summary>
    /// How long after an answer feedback on it is accepted (how long <see cref="ResponseLog"/> remembers a response id);
    /// later feedback gets 404. Default: 24 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan ResponseTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long stored votes and comments are kept in Redis after the last vote on an answer. Default: 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}

using System.ComponentModel.DataAnnotations;

namespace LlmReference.ModelServer.Models;

/// <summary>
/// How one model behaves: its context window, output cap, latency and the per-deployment rate limits.
/// Defaults are a mid-sized hosted model; appsettings.json sets a slower large and a faster small profile.
/// </summary>
public sealed class ModelProfile
{
    /// <summary>Context window in tokens (prompt + requested completion); above it the request gets 400 <c>context_length_exceeded</c>. Default 16384.</summary>
    [Range(16, 10_000_000)]
    public int ContextWindowTokens { get; set; } = 16384;

    /// <summary>Most completion tokens one answer may have; a larger <c>max_tokens</c> is a 400. Default 4096.</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>Mean time to first token in milliseconds. 0 answers at once (tests). Default 400.</summary>
    [Range(0, 600_000)]
    public double TimeToFirstTokenMs { get; set; } = 400;

    /// <summary>Uniform jitter around <see cref="TimeToFirstTokenMs"/>, ± milliseconds. Default 100.</summary>
    [Range(0, 600_000)]
    public double TimeToFirstTokenJitterMs { get; set; } = 100;

    /// <summary>Mean generation rate after the first token, tokens per second. 0 means unpaced (tests). Default 50.</summary>
    [Range(0, 1_000_000)]
    public double TokensPerSecond { get; set; } = 50;

    /// <summary>Relative jitter of <see cref="TokensPerSecond"/> per response (0.2 = ±20 %). Default 0.2.</summary>
    [Range(0, 0.9)]
    public double TokensPerSecondJitter { get; set; } = 0.2;

    /// <summary>Requests per minute this deployment accepts before it answers 429. Default 60.</summary>
    [Range(1, 10_000_000)]
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>Tokens per minute (prompt + requested completion) before 429. Default 60000.</summary>
    [Range(1, 1_000_000_000)]
    public int TokensPerMinute { get; set; } = 60_000;

    /// <summary>
    /// Window over which the per-minute quotas are enforced, in seconds (Azure OpenAI enforces RPM over 1 s or 10 s):
    /// the bucket holds <c>limit × window / 60</c> and refills continuously at <c>limit / 60</c> per second. Default 10.
    /// </summary>
    [Range(1, 60)]
    public int RateLimitWindowSeconds { get; set; } = 10;

    /// <summary>Completion tokens charged against the TPM quota when a request sets no <c>max_tokens</c>. Default 256.</summary>
    [Range(0, 1_000_000)]
    public int DefaultCompletionTokenEstimate { get; set; } = 256;
}

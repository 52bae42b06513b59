using LlmReference.ModelServer.Models;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Limits;

/// <summary>The outcome of a quota check, with what the x-ratelimit-* headers report.</summary>
internal sealed record RateLimitDecision(
    bool Allowed, string? ExhaustedQuota, TimeSpan RetryAfter,
    int RequestLimit, int RemainingRequests, TimeSpan ResetRequests,
    int TokenLimit, int RemainingTokens, TimeSpan ResetTokens);

/// <summary>
/// Requests-per-minute and tokens-per-minute quotas of this deployment, as two token buckets that each hold
/// <c>limit × window / 60</c> and refill at <c>limit / 60</c> per second (Azure OpenAI enforces per-minute quotas over
/// short windows the same way). A request is charged its prompt tokens plus its <c>max_tokens</c> (or the profile's
/// estimate), as providers do before they know the real completion length.
/// </summary>
internal sealed class DeploymentRateLimiter
{
    private readonly ModelProfile _profile;
    private readonly TokenBucket _requests;
    private readonly TokenBucket _tokens;

    public DeploymentRateLimiter(IOptions<ModelServerOptions> options, TimeProvider timeProvider)
    {
        _profile = options.Value.GetServedProfile();
        var window = _profile.RateLimitWindowSeconds / 60.0;
        _requests = new TokenBucket(Math.Max(1, _profile.RequestsPerMinute * window), _profile.RequestsPerMinute / 60.0, timeProvider);
        _tokens = new TokenBucket(Math.Max(1, _profile.TokensPerMinute * window), _profile.TokensPerMinute / 60.0, timeProvider);
    }

    public RateLimitDecision TryAcquire(int promptTokens, int? maxCompletionTokens)
    {
        var tokenCost = promptTokens + (maxCompletionTokens ?? _profile.DefaultCompletionTokenEstimate);
        if (!_requests.TryTake(1, out var requestWait))
        {
            return Decision(false, "requests", requestWait);
        }

        if (!_tokens.TryTake(tokenCost, out var tokenWait))
        {
            _requests.Return(1);
            return Decision(false, "tokens", tokenWait);
        }

        return Decision(true, null, TimeSpan.Zero);
    }

    private RateLimitDecision Decision(bool allowed, string? exhausted, TimeSpan retryAfter) =>
        new(allowed, exhausted, retryAfter,
            _profile.RequestsPerMinute, (int)Math.Max(0, Math.Floor(_requests.Available)), _requests.TimeToFull,
            _profile.TokensPerMinute, (int)Math.Max(0, Math.Floor(_tokens.Available)), _tokens.TimeToFull);
}

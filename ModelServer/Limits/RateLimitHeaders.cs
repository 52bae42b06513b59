using System.Globalization;

namespace LlmReference.ModelServer.Limits;

/// <summary>Writes the x-ratelimit-* headers OpenAI sends on every response.</summary>
internal static class RateLimitHeaders
{
    public static void Write(IHeaderDictionary headers, RateLimitDecision decision)
    {
        headers["x-ratelimit-limit-requests"] = decision.RequestLimit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-requests"] = decision.RemainingRequests.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-requests"] = Duration(decision.ResetRequests);
        headers["x-ratelimit-limit-tokens"] = decision.TokenLimit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-tokens"] = decision.RemainingTokens.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-tokens"] = Duration(decision.ResetTokens);
    }

    /// <summary>OpenAI's duration format: <c>17ms</c>, <c>1.5s</c>, <c>6m0s</c>.</summary>
    public static string Duration(TimeSpan value) => value switch
    {
        { TotalSeconds: < 1 } => $"{Math.Ceiling(value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms",
        { TotalMinutes: < 1 } => $"{Math.Round(value.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture)}s",
        _ => $"{((int)value.TotalMinutes).ToString(CultureInfo.InvariantCulture)}m{value.Seconds.ToString(CultureInfo.InvariantCulture)}s",
    };
}

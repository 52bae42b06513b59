using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace LlmReference.ChatApi.Llm;

/// <summary>
/// Adjusts the LLM resilience profile of a deployment that has a fallback after it. A 429 is the deployment saying
/// "not now": instead of waiting out its <c>Retry-After</c> on the same deployment (the profile's retry does that), the
/// call fails at once and moves to the next deployment, and when the 429s open the circuit breaker it stays open for
/// at least the <c>Retry-After</c> the deployment asked for (the cooldown). Polly's own breaker does the bookkeeping.
/// </summary>
public static class FailoverResilience
{
    private static readonly ResiliencePropertyKey<TimeSpan> RetryAfterKey = new("LlmReference.RetryAfter");

    public static void Apply(HttpStandardResilienceOptions options)
    {
        var retry = options.Retry.ShouldHandle;
        options.Retry.ShouldHandle = args =>
            args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? ValueTask.FromResult(false) : retry(args);

        var breaker = options.CircuitBreaker.ShouldHandle;
        options.CircuitBreaker.ShouldHandle = args =>
        {
            if (RetryAfter(args.Outcome.Result) is { } wait)
            {
                args.Context.Properties.Set(RetryAfterKey, wait);
            }

            return breaker(args);
        };

        var cooldown = options.CircuitBreaker.BreakDuration;
        options.CircuitBreaker.BreakDurationGenerator = args =>
            ValueTask.FromResult(args.Context.Properties.TryGetValue(RetryAfterKey, out var wait) && wait > cooldown ? wait : cooldown);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}

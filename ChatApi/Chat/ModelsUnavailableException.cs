using LlmReference.ChatApi.Llm;
using Polly.CircuitBreaker;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// Every configured deployment was tried and none answered. Carries what a client needs and nothing it should not
/// see: the deployments tried and when to come back; the providers' own error texts stay in the inner exceptions
/// (logged, never sent to the client).
/// </summary>
public sealed class ModelsUnavailableException(IReadOnlyList<LlmDeployment> tried, IReadOnlyList<Exception> failures)
    : Exception($"No deployment answered: {string.Join(", ", tried.Select(d => d.Name))}.", failures[^1])
{
    /// <summary>
    /// The <c>Retry-After</c> when no tried deployment's breaker is open to say better: long enough for a transient
    /// outage or a Retry-After-driven 429 to pass, short enough that a person is not turned away for long.
    /// </summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(10);

    public IReadOnlyList<LlmDeployment> Tried { get; } = tried;

    /// <summary>
    /// When the first open breaker among the tried deployments lets a call through again (Polly reports the remaining
    /// break on <see cref="BrokenCircuitException.RetryAfter"/>), else <see cref="DefaultRetryAfter"/>.
    /// </summary>
    public TimeSpan RetryAfter { get; } = failures
        .Select(OpenBreakerRetryAfter)
        .Where(wait => wait is not null)
        .Min() ?? DefaultRetryAfter;

    /// <summary>The deployments tried, as a client may read them: name and model, no endpoint.</summary>
    public string TriedDescription => string.Join(", ", Tried.Select(d => $"'{d.Name}' ({d.Model})"));

    private static TimeSpan? OpenBreakerRetryAfter(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BrokenCircuitException { RetryAfter: { } wait })
            {
                return wait;
            }
        }

        return null;
    }
}

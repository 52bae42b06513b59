using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>Configuration section that overrides the LLM resilience profile (same shape as <see cref="HttpStandardResilienceOptions"/>).</summary>
    public const string LlmResilienceSection = "Llm:Resilience";

    /// <summary>
    /// Replaces the default resilience handler with a profile fit for model calls: a completion can take
    /// tens of seconds, providers shed load with 429 + <c>Retry-After</c>, and every retry is a paid call.
    /// </summary>
    /// <remarks>
    /// Timeouts cover the wait for response headers only; a streamed body is neither timed out nor retried here,
    /// so stream consumers must apply their own idle timeout.
    /// </remarks>
    public static IHttpClientBuilder AddLlmResilienceHandler(this IHttpClientBuilder builder, IConfiguration configuration)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the default.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var pipeline = builder.AddStandardResilienceHandler().Configure(ApplyLlmDefaults);

        // Binding an absent section throws, so overrides apply only when configured.
        var overrides = configuration.GetSection(LlmResilienceSection);
        if (overrides.Exists())
        {
            pipeline.Configure(overrides);
        }

        return builder;
    }

    /// <summary>The LLM profile's defaults; configuration under <see cref="LlmResilienceSection"/> overrides any of them.</summary>
    public static void ApplyLlmDefaults(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(150);

        // Two retries at most: each one is billed. Retry-After from a 429 or 503 is honoured (the default),
        // so a rate-limited provider is waited for rather than hammered.
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.Retry.ShouldRetryAfterHeader = true;

        // The breaker's sampling window must be at least twice the attempt timeout (validated by the library).
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(120);
        options.CircuitBreaker.MinimumThroughput = 10;
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
    }
}

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Caching;

public static class CachingServiceExtensions
{
    /// <summary>Registers the Redis-backed exact <see cref="ResponseCache"/> and the optional <see cref="SemanticCache"/>.</summary>
    public static TBuilder AddResponseCache<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ResponseCacheOptions>()
            .BindConfiguration(ResponseCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SemanticCacheOptions>()
            .BindConfiguration(SemanticCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ResponseCache>();
        builder.Services.AddSingleton<SemanticCache>();

        // Embedding calls go to the primary deployment's endpoint with ServiceDefaults' standard handler, tuned to fail
        // fast: the cache is an optimisation, so a slow or failing embedding is a miss, never a delayed chat.
        builder.Services.AddHttpClient(SemanticCacheOptions.HttpClientName);
        builder.Services.AddOptions<HttpStandardResilienceOptions>($"{SemanticCacheOptions.HttpClientName}-standard")
            .Configure<IOptionsMonitor<SemanticCacheOptions>>((resilience, semantic) =>
            {
                var timeout = semantic.CurrentValue.EmbeddingTimeout;
                resilience.AttemptTimeout.Timeout = timeout;
                resilience.TotalRequestTimeout.Timeout = timeout;
                resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
            });
        return builder;
    }
}

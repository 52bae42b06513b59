namespace LlmReference.ChatApi.Caching;

public static class CachingServiceExtensions
{
    /// <summary>Registers <see cref="ResponseCacheOptions"/> and the Redis-backed <see cref="ResponseCache"/>.</summary>
    public static TBuilder AddResponseCache<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ResponseCacheOptions>()
            .BindConfiguration(ResponseCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ResponseCache>();
        return builder;
    }
}

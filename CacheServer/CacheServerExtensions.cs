using LlmReference.CacheServer.Admin;
using LlmReference.CacheServer.Garnet;
using LlmReference.CacheServer.Telemetry;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer;

internal static class CacheServerExtensions
{
    /// <summary>Everything the cache server needs in DI: options, the Garnet server, the chaos controls and metrics.</summary>
    public static IHostApplicationBuilder AddCacheServer(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CacheServerOptions>()
            .BindConfiguration(CacheServerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheServerOptions>, CacheServerOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GarnetHost>();
        services.AddSingleton<RespCommands>();
        services.AddSingleton<CacheServerMetrics>();
        services.AddSingleton<CacheChaos>();
        services.AddHostedService<GarnetHostedService>();
        services.AddHealthChecks().AddCheck<GarnetHealthCheck>(GarnetHealthCheck.Name);
        return builder;
    }
}

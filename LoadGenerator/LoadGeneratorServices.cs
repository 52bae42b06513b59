using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator;

/// <summary>DI for the engine: the two target clients, metrics, a time source and a factory for runs.</summary>
public static class LoadGeneratorServices
{
    /// <summary>
    /// Registers the target clients with only a base address and timeout: no resilience handler (that would retry a
    /// 500 away before the report saw it), and a connection pool sized for the in-flight bound, not the default.
    /// </summary>
    public static IServiceCollection AddLoadGenerator(this IServiceCollection services, LoadRunOptions options)
    {
        services.AddMetrics();
        services.AddSingleton<LoadGeneratorMetrics>();
        services.AddSingleton(TimeProvider.System);
        services.AddTargetClient(LoadTargets.ChatClientName, _ => options.ChatTarget, options.RequestTimeout);
        services.AddTargetClient(LoadTargets.FraudClientName, _ => options.FraudTarget, options.RequestTimeout)
            .AddHttpMessageHandler(() => new FraudApiKeyHandler(() => Environment.GetEnvironmentVariable(FraudApiKeyHandler.EnvironmentVariable)));
        services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new LoadTargets(factory.CreateClient(LoadTargets.ChatClientName), factory.CreateClient(LoadTargets.FraudClientName));
        });
        services.AddTransient(sp => new LoadRun(
            options,
            sp.GetRequiredService<LoadTargets>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LoadRun>>(),
            sp.GetRequiredService<LoadGeneratorMetrics>()));
        return services;
    }

    /// <summary>
    /// A target client: base address, timeout and a connection pool sized for the in-flight bound, nothing else.
    /// Serve mode also strips the resilience handler ServiceDefaults gives every client (see <c>Control/LoadHostServices</c>).
    /// </summary>
    internal static IHttpClientBuilder AddTargetClient(this IServiceCollection services, string name, Func<IServiceProvider, Uri> baseAddress, TimeSpan timeout) =>
        services.AddHttpClient(name, (sp, client) =>
            {
                client.BaseAddress = baseAddress(sp);
                client.Timeout = timeout;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
}

using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmReference.LoadGenerator.Control;

/// <summary>Serve mode's DI: validated <see cref="LoadHostOptions"/>, the target clients, metrics and the run slot.</summary>
public static class LoadHostServices
{
    public static TBuilder AddLoadHost<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<LoadHostOptions>()
            .BindConfiguration(LoadHostOptions.SectionName)
            // Targets not set explicitly come from the AppHost's references (services__chatapi__http__0): the address
            // itself is read, so the loopback rule checks what the clients will really be sent to.
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                options.ChatTarget ??= Discovered(configuration, options.ChatService);
                options.FraudTarget ??= Discovered(configuration, options.FraudService);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoadHostOptions>, LoadHostOptionsValidator>();

        services.AddSingleton<LoadGeneratorMetrics>();
        services.AddSingleton(TimeProvider.System);
        AddUnretriedTarget(services, LoadTargets.ChatClientName, o => o.ChatTarget);
        AddUnretriedTarget(services, LoadTargets.FraudClientName, o => o.FraudTarget)
            .AddHttpMessageHandler(sp => new FraudApiKeyHandler(() => sp.GetRequiredService<IOptions<LoadHostOptions>>().Value.FraudApiKey));

        services.AddSingleton<LoadController>();
        services.AddHostedService(sp => sp.GetRequiredService<LoadController>());
        return builder;
    }

    /// <summary>
    /// ServiceDefaults gives every client the standard resilience handler (timeouts, three retries, a circuit
    /// breaker). A load generator must see each response the target sends: a retried 500 is an error
    /// the report would never count, and a breaker would stop the very load that is meant to reveal it.
    /// </summary>
    private static IHttpClientBuilder AddUnretriedTarget(IServiceCollection services, string name, Func<LoadHostOptions, Uri?> target)
    {
        var client = services.AddTargetClient(
            name,
            sp => target(sp.GetRequiredService<IOptions<LoadHostOptions>>().Value) ?? throw new InvalidOperationException($"No target for {name}."),
            new LoadRunOptions().RequestTimeout);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; it is the documented way to opt a client out of the defaults.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return client;
    }

    private static Uri? Discovered(IConfiguration configuration, string service)
    {
        var value = configuration[$"services:{service}:http:0"] ?? configuration[$"services:{service}:https:0"];
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
    }
}

using LlmReference.FraudService.Access;
using LlmReference.FraudService.Labels;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Training;
using LlmReference.FraudService.Transactions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService;

public static class FraudServiceExtensions
{
    /// <summary>Name of the cache connection (the AppHost's <c>cache</c> resource).</summary>
    public const string CacheConnectionName = "cache";

    /// <summary>Everything the fraud service needs in DI: options, the cache, the model, scoring, telemetry and error handling.</summary>
    public static IHostApplicationBuilder AddFraudServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();
        services.AddOptions<TransactionValidationOptions>().BindConfiguration(TransactionValidationOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TransactionStorageOptions>().BindConfiguration(TransactionStorageOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FraudApiOptions>().BindConfiguration(FraudApiOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultRecentLimit <= o.MaxRecentLimit, "Fraud:Api:DefaultRecentLimit must not exceed MaxRecentLimit.")
            .ValidateOnStart();

        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LabelsOptions>().BindConfiguration(LabelsOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        // Every /api/fraud endpoint needs the API key (Access/).
        builder.AddFraudAccess();

        services.AddHealthChecks().AddCheck<ModelHealthCheck>(ModelHealthCheck.Name);

        // The monitoring refresh runs on a timer: a trace only when it fails, always visible in its gauges.
        builder.AddBackgroundSpans(FraudTelemetry.Spans.MonitoringRefresh);

        // Registers IConnectionMultiplexer, its health check (readiness) and Redis tracing, with fail-fast timeouts and a
        // circuit breaker for the endpoints marked RequireCache() (ServiceDefaults).
        builder.AddCacheClient(CacheConnectionName);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FraudMetrics>();
        services.AddSingleton<IFraudModel>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            return o.Kind == "rules"
                ? new RulesModel()
                : TrainedModel.Load(Path.Combine(AppContext.BaseDirectory, o.Directory), o.Version);
        });
        services.AddSingleton<TransactionStore>();
        services.AddSingleton<TransactionScorer>();
        services.AddSingleton<LabelService>();
        services.AddSingleton<LabelWindow>();
        services.AddSingleton<ScoredWindow>();
        services.AddSingleton<MonitoringService>();
        services.AddHostedService<MonitoringRefresher>();

        services.AddOptions<SimulationOptions>().BindConfiguration(SimulationOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SimulatedTraffic>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedTraffic>());

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(FraudJson.EnumConverter));

        // Malformed JSON, unknown fields and oversized bodies become problem details (ServiceDefaults); an
        // unreachable cache becomes a 503.
        builder.AddRequestProblemDetails();
        services.AddExceptionHandler<CacheUnavailableExceptionHandler>();

        return builder;
    }
}

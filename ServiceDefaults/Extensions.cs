using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The wiring every LlmReference service shares: telemetry, health, service discovery and resilience.
/// Split by concern across <c>*.Extensions.cs</c> files in this project.
/// </summary>
public static partial class Extensions
{
    /// <summary>Readiness: every registered check, including the cache.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness: only checks tagged <see cref="LiveTag"/> (the process answers).</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Prometheus scrape endpoint (OpenTelemetry Prometheus exporter, text exposition format).</summary>
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Tag for checks that belong in the liveness probe.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddQuietLibraryLogging();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddSloMonitoring();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Every outgoing call gets timeouts, retries and a circuit breaker; model clients
            // swap this for the LLM profile (see HttpClient.Extensions.cs).
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness), <c>/alive</c> (liveness), <c>/metrics</c> (Prometheus scrape) and, when SLO
    /// monitoring is on, <c>/slo</c>. They are mapped in every environment because orchestrators (Aspire, Kubernetes,
    /// Prometheus) and on-call engineers call them; they report status and metrics only, never configuration or secrets.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });

        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag),
        });

        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath);
        MapSloEndpoint(app);

        return app;
    }
}

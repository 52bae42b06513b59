using System.Diagnostics.Metrics;
using LlmReference.ServiceDefaults.Slo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>The service's SLOs evaluated in-process, as JSON (see <see cref="SloReport"/>).</summary>
    public const string SloEndpointPath = "/slo";

    /// <summary>
    /// Evaluates the service's OpenSLO specs in-process (burn rates over the page pair of windows, budget left since
    /// start) from the instruments the specs' Prometheus selectors name; serves them at <c>/slo</c>, exports them as
    /// <c>slo.burn_rate</c> and <c>slo.error_budget.remaining</c>, and adds the <c>slo</c> readiness check. Only when
    /// <c>Slo:Service</c> is configured: a service without SLOs is unchanged.
    /// </summary>
    public static TBuilder AddSloMonitoring<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var service = builder.Configuration[$"{SloMonitoringOptions.SectionName}:{nameof(SloMonitoringOptions.Service)}"];
        if (string.IsNullOrWhiteSpace(service))
        {
            return builder;
        }

        builder.Services.AddOptions<SloMonitoringOptions>()
            .BindConfiguration(SloMonitoringOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Reads the spec files at start, so a missing or invalid file fails start with a message naming it.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SloMonitoringOptions>, SloMonitoringOptionsValidator>());

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SloMonitoringOptions>>().Value;
            return new SloMonitor(
                SloSpecLoader.Load(options), options, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SloMonitor>>(), meterScope: sp.GetRequiredService<IMeterFactory>());
        });
        builder.Services.AddSingleton<SloMetrics>();
        builder.Services.AddHostedService<SloMonitoringStartup>();
        builder.Services.AddHealthChecks().AddCheck<SloHealthCheck>(SloHealthCheck.Name);

        return builder;
    }

    /// <summary>Maps <c>GET /slo</c> when SLO monitoring is on. Kept out of the OpenAPI document, like <c>/health</c>.</summary>
    private static void MapSloEndpoint(WebApplication app)
    {
        // Asked of the container without creating the monitor, whose options are validated when the host starts.
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(SloMonitor)))
        {
            app.MapGet(SloEndpointPath, GetSloReport).WithName("Slo").ExcludeFromDescription();
        }
    }

    private static Ok<SloReport> GetSloReport(SloMonitor monitor) => TypedResults.Ok(monitor.Evaluate());
}

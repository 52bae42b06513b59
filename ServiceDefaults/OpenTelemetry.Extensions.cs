using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Configuration key that turns on capture of prompt and completion text in telemetry.
    /// Off by default: prompts carry customer data. The AppHost turns it on for local development.
    /// </summary>
    public const string CaptureContentKey = "Llm:CaptureContent";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // Each service declares its own ActivitySource and Meter under its application name.
        var serviceName = builder.Environment.ApplicationName;

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(serviceName)
                // In-process SLO burn rates and budgets (Slo.Extensions.cs); nothing is emitted unless Slo:Service is set.
                .AddMeter(LlmReference.ServiceDefaults.Slo.SloTelemetry.MeterName)
                // The cache circuit breaker's state and refusals (Cache.Extensions.cs), in services that use the cache.
                .AddMeter(LlmReference.ServiceDefaults.Cache.CacheTelemetry.MeterName)
                .AddMeter("Microsoft.SemanticKernel*")
                .AddMeter("Experimental.Microsoft.Extensions.AI*")
                // A scrape endpoint beside OTLP, so Prometheus can evaluate the generated SLO rules (see MapDefaultEndpoints).
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(serviceName)
                .AddSource("Microsoft.SemanticKernel*")
                .AddSource("Experimental.Microsoft.Extensions.AI*")
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Probes and scrapes (/metrics, /slo) would drown real traffic in the trace view.
                    aspnet.Filter = context => !IsHealthProbe(context.Request.Path) && !IsScrape(context.Request.Path))
                .AddHttpClientInstrumentation()
                // StackExchange.Redis spans come from Aspire's Redis client integration (AddRedisClient), which
                // registers its instrumentation with this tracer provider; probes' PINGs are kept out of it.
                .AddProcessor(new UnrecordedParentRedisFilter())
                // Timer ticks and start-up work (AddBackgroundSpans) only reach the trace list when they fail.
                .AddProcessor(sp => new BackgroundTraceFilter(sp.GetRequiredService<IOptions<BackgroundTraceOptions>>().Value.RootSpans))
                // A service's ISpanRedactors (personal data in recorded content) run here, ahead of every exporter.
                .AddProcessor(sp => new SpanRedactionProcessor(sp.GetServices<ISpanRedactor>())));

        builder.AddOpenTelemetryExporters();

        return builder;
    }

    /// <summary>
    /// Declares spans that start a trace from a timer or at start-up (not from a request) as background work: their
    /// traces are exported only when a span in them fails (see <see cref="BackgroundTraceFilter"/>). Their metrics and
    /// logs are unaffected.
    /// </summary>
    public static TBuilder AddBackgroundSpans<TBuilder>(this TBuilder builder, params string[] rootSpanNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<BackgroundTraceOptions>(options =>
        {
            foreach (var name in rootSpanNames)
            {
                options.RootSpans.Add(name);
            }
        });

        return builder;
    }

    // Prometheus's /metrics and the SLO report at /slo: read by tools and people watching, not user traffic.
    private static bool IsScrape(PathString path) =>
        path.StartsWithSegments(MetricsEndpointPath) || path.StartsWithSegments(SloEndpointPath);

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The AppHost sets this to the dashboard's OTLP endpoint; without it nothing is exported.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}

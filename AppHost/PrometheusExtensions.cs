using Aspire.Hosting.ApplicationModel;
using LlmReference.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Marks a service for Prometheus to scrape: its <c>http</c> endpoint's <c>/metrics</c>, job = resource name.</summary>
public sealed record PrometheusScrapeAnnotation(IResourceWithEndpoints Target) : IResourceAnnotation;

/// <summary>
/// A real Prometheus server beside the services, loading the SLO recording and alerting rules, so a burn-rate page can
/// be watched firing locally. Runs Debian's <c>prometheus</c> binary as an executable resource (no container runtime
/// needed); settings and their keys are documented on <see cref="PrometheusSettings"/>.
/// </summary>
public static partial class PrometheusExtensions
{
    public const string ResourceName = "prometheus";

    private const string LogCategory = "LlmReference.AppHost.Prometheus";

    /// <summary>
    /// Adds the <c>prometheus</c> resource, or returns <see langword="null"/> (after logging one line on how to enable
    /// it) when no binary is installed: Prometheus is an optional view of the same telemetry the dashboard shows, so
    /// its absence changes nothing else. Not added when publishing: a deployment brings its own Prometheus.
    /// </summary>
    public static IResourceBuilder<ExecutableResource>? AddPrometheus(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return null;
        }

        var settings = PrometheusSettings.Read(
            builder.Configuration,
            builder.AppHostDirectory,
            () => Directory.CreateTempSubdirectory("llmreference-prometheus-").FullName);

        if (settings is null)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
            {
                Log.PrometheusNotInstalled(e.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory));
                return Task.CompletedTask;
            });
            return null;
        }

        var config = new PrometheusConfig(settings);
        var prometheus = builder.AddExecutable(ResourceName, settings.Binary, settings.RunDirectory)
            // A fixed host port (a link that survives restarts) in front of whatever port DCP gives the process.
            .WithHttpEndpoint(port: settings.Port, name: "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = settings.IsCompressed
                ? $"Prometheus (SLO windows compressed {settings.TimeCompression:0.##}x)"
                : "Prometheus")
            .WithHttpHealthCheck("/-/ready");

        var endpoint = prometheus.GetEndpoint("http");
        prometheus
            .WithArgs(
                $"--config.file={config.ConfigFile}",
                $"--storage.tsdb.path={config.DataDirectory}",
                // The port DCP allocated for the process, resolved when it starts; loopback only.
                ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"))
            // Scrape addresses exist only once Aspire has allocated every endpoint, which it has when a resource starts.
            .OnBeforeResourceStarted((resource, _, cancellationToken) => config.WriteAsync(GetScrapeTargets(resource), cancellationToken));

        // The TSDB and generated files belong to this run only; remove them once DCP has stopped the process.
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() => DeleteQuietly(settings.RunDirectory));
            return Task.CompletedTask;
        });

        return prometheus;
    }

    /// <summary>
    /// Has Prometheus scrape a service's <c>/metrics</c> (ServiceDefaults' OpenTelemetry Prometheus exporter) through
    /// its <c>http</c> endpoint. A <see langword="null"/> target (a deployment that configuration left out) is skipped.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> WithScrapeTarget<T>(
        this IResourceBuilder<ExecutableResource> prometheus, IResourceBuilder<T>? target)
        where T : IResourceWithEndpoints =>
        target is null
            ? prometheus
            : prometheus.WithAnnotation(new PrometheusScrapeAnnotation(target.Resource)).WithRelationship(target.Resource, "Scrapes");

    private static IEnumerable<ScrapeTarget> GetScrapeTargets(ExecutableResource prometheus) =>
        prometheus.Annotations.OfType<PrometheusScrapeAnnotation>().Select(annotation =>
        {
            var endpoint = new EndpointReference(annotation.Target, "http");
            return new ScrapeTarget(annotation.Target.Name, $"{endpoint.Host}:{endpoint.Port}");
        });

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived the AppHost still holds a file: the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Prometheus is not running: no prometheus binary on PATH. " +
            "To watch SLO burn-rate alerts locally, run `sudo apt-get install prometheus` or set Prometheus:Path.",
            EventName = "PrometheusNotInstalled")]
        public static partial void PrometheusNotInstalled(ILogger logger);
    }
}

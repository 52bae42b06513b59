using Aspire.Hosting.ApplicationModel;
using LlmReference.AppHost;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

public static class ReadinessReportExtensions
{
    /// <summary>
    /// The resource's health on the Resources page follows its readiness report, Degraded included, with the failing
    /// checks' descriptions (e.g. the <c>slo</c> check naming a fast-burning SLO). Use instead of
    /// <c>WithHttpHealthCheck("/health")</c> for services built on ServiceDefaults. Also declares their probes
    /// (<see cref="ProbeExtensions.WithServiceDefaultsProbes"/>).
    /// </summary>
    /// <remarks>
    /// <c>WaitFor</c> waits for Healthy, so a resource that waits for this one waits while it is Degraded too;
    /// use <c>WaitForStart</c> for dependencies that a service can live without for a while.
    /// </remarks>
    public static IResourceBuilder<ProjectResource> WithReadinessReport(this IResourceBuilder<ProjectResource> resource)
    {
        var endpoint = resource.GetEndpoint("http");
        var name = $"{resource.Resource.Name}_readiness";
        resource.ApplicationBuilder.Services.AddHttpClient(nameof(ReadinessReportHealthCheck), client => client.Timeout = TimeSpan.FromSeconds(5));
        resource.ApplicationBuilder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            name,
            services => new ReadinessReportHealthCheck(endpoint, services.GetRequiredService<IHttpClientFactory>()),
            failureStatus: null,
            tags: null));
        return resource.WithHealthCheck(name).WithServiceDefaultsProbes();
    }
}

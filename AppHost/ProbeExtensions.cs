using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Declares a ServiceDefaults service's HTTP probes on its resource, where deployment targets read them: readiness is
/// <c>/health</c> (every check, the cache included), liveness <c>/alive</c> (the process only). The Kubernetes
/// manifests carry the same probes, and tests/Deploy.Tests fails when a resource declares one they lack.
/// </summary>
/// <remarks>
/// Annotations rather than <c>WithHttpProbe</c>: that also registers a status-code health check on the same path,
/// a duplicate of the resource's own (<see cref="ReadinessReportExtensions.WithReadinessReport"/> or
/// <c>WithHttpHealthCheck</c>). Paths are ServiceDefaults' <c>HealthEndpointPath</c> and <c>AlivenessEndpointPath</c>.
/// </remarks>
public static class ProbeExtensions
{
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";

#pragma warning disable ASPIREPROBES001 // Probe annotations are marked for evaluation; they are what Aspire's publishers read.
    public static IResourceBuilder<ProjectResource> WithServiceDefaultsProbes(this IResourceBuilder<ProjectResource> resource)
    {
        var endpoint = resource.GetEndpoint("http");
        return resource
            .WithAnnotation(new EndpointProbeAnnotation { Type = ProbeType.Readiness, EndpointReference = endpoint, Path = ReadinessPath })
            .WithAnnotation(new EndpointProbeAnnotation { Type = ProbeType.Liveness, EndpointReference = endpoint, Path = LivenessPath });
    }
#pragma warning restore ASPIREPROBES001
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.CacheServer.Garnet;

/// <summary>Readiness: Unhealthy while the RESP port is closed (paused), so <c>/health</c> agrees with a PING.</summary>
internal sealed class GarnetHealthCheck(GarnetHost garnet) : IHealthCheck
{
    public const string Name = "garnet";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(garnet.IsServing
            ? HealthCheckResult.Healthy("Garnet serves RESP.")
            : HealthCheckResult.Unhealthy("Garnet is paused: its RESP port refuses connections until it resumes."));
}

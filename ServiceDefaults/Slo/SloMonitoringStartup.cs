using Microsoft.Extensions.Hosting;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>Starts counting before the first request, and creates the gauges so they are exported from the start.</summary>
internal sealed class SloMonitoringStartup(SloMonitor monitor, SloMetrics metrics) : IHostedService
{
    // Held so that the gauges exist for as long as the host does.
    private readonly SloMetrics _metrics = metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        monitor.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using LlmReference.CacheServer.Telemetry;

namespace LlmReference.CacheServer.Garnet;

/// <summary>Serves RESP for the lifetime of the host.</summary>
internal sealed class GarnetHostedService(GarnetHost garnet, CacheServerMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not on the first admin call, so that the paused gauge is exported from the first scrape.
        _ = metrics;
        garnet.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        garnet.Stop();
        return Task.CompletedTask;
    }
}

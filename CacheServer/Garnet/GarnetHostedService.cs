using LlmReference.CacheServer.Telemetry;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer.Garnet;

/// <summary>Serves RESP for the lifetime of the host; checkpoints on a graceful stop.</summary>
internal sealed class GarnetHostedService(
    GarnetHost garnet, RespCommands resp, CacheServerMetrics metrics, IOptions<CacheServerOptions> options, ILogger<GarnetHostedService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not on the first admin call, so that the paused gauge is exported from the first scrape.
        _ = metrics;
        garnet.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Persistence && garnet.IsServing)
        {
            // Not needed for durability (every acknowledged write is in the AOF), but the next start then replays one
            // checkpoint instead of the AOF since the last periodic one. A failure only costs a longer replay.
            try
            {
                await resp.CheckpointAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.ShutdownCheckpointFailed(logger, ex);
            }
        }

        garnet.Stop();
    }
}

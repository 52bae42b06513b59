using System.Net;
using global::Garnet.client;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer.Garnet;

/// <summary>
/// Commands the admin API sends to its own Garnet over RESP, like any client: FLUSHALL then goes through the AOF, so a
/// flushed cache stays empty after a restart (an in-process shortcut would not be logged).
/// </summary>
internal sealed class RespCommands(IOptions<CacheServerOptions> options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Number of keys (<c>DBSIZE</c>).</summary>
    public async Task<long> CountKeysAsync(CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken);
        return await client.ExecuteForLongResultAsync("DBSIZE").WaitAsync(Timeout, cancellationToken);
    }

    /// <summary>Deletes every key (<c>FLUSHALL</c>) and makes that durable.</summary>
    public async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken);
        await client.ExecuteForStringResultAsync("FLUSHALL").WaitAsync(Timeout, cancellationToken);
        // --aof-commit-wait covers data commands, not FLUSHALL: without an explicit commit a killed process replays the
        // keys back (measured with Garnet 2.2.8).
        await client.ExecuteForStringResultAsync("COMMITAOF").WaitAsync(Timeout, cancellationToken);
    }

    /// <summary>Takes a checkpoint (<c>SAVE</c>), so the next start replays it rather than the whole AOF.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken);
        await client.ExecuteForStringResultAsync("SAVE").WaitAsync(Timeout, cancellationToken);
    }

    private async Task<GarnetClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        // A server bound to every interface is reached on loopback.
        var address = IPAddress.TryParse(o.Bind, out var bound) && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any)
            ? bound
            : IPAddress.Loopback;
        var client = new GarnetClient(new IPEndPoint(address, o.Port), timeoutMilliseconds: (int)Timeout.TotalMilliseconds);
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}

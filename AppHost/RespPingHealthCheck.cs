using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.AppHost;

/// <summary>
/// Healthy when the server at <paramref name="endpoint"/> answers a RESP <c>PING</c> with <c>+PONG</c>:
/// the embedded cache is ready only when it speaks the protocol, not merely when its process runs.
/// </summary>
internal sealed class RespPingHealthCheck(EndpointReference endpoint) : IHealthCheck
{
    private static readonly byte[] Ping = Encoding.ASCII.GetBytes("*1\r\n$4\r\nPING\r\n");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Not EndpointReference.IsAllocated: it caches its first answer, and the `cache` connection-string resource runs
        // this check from the start, before DCP allocates the port, so a cached "no" would keep both resources Unhealthy.
        if (endpoint.EndpointAnnotation.AllocatedEndpoint is not { } allocated)
        {
            return HealthCheckResult.Unhealthy("The cache endpoint is not allocated yet.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));

            using var client = new TcpClient();
            await client.ConnectAsync(allocated.Address, allocated.Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Ping, timeout.Token);

            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            return reply.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Unexpected reply to PING: {reply.Trim()}");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The cache does not answer PING.", ex);
        }
    }
}

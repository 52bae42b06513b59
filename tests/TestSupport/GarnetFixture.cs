using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet;
using Xunit;

namespace LlmReference.TestSupport;

/// <summary>
/// Starts a real, memory-only Garnet server on a free loopback port, so integration tests speak the real
/// Redis protocol (RESP) through StackExchange.Redis exactly as the services do in production.
/// Use as an xunit class or collection fixture.
/// </summary>
public sealed class GarnetFixture : IAsyncLifetime, IDisposable
{
    private GarnetServer? _server;

    public int Port { get; private set; }

    /// <summary>StackExchange.Redis connection string, as Aspire would inject it for the <c>cache</c> resource.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Task InitializeAsync()
    {
        Port = FreeTcpPort();
        _server = new GarnetServer(
        [
            "--bind", "127.0.0.1",
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--memory", "64m",
            "--index", "8m",
            // As CacheServer runs it: Lua scripts on, each one atomic (ChatApi's turn scripts rely on both).
            "--lua",
            "--lua-transaction-mode",
        ]);
        _server.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
    }

    /// <summary>A port the OS says is free right now (bind to 0, read it back, release it).</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

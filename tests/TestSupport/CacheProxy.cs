using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LlmReference.TestSupport;

/// <summary>
/// A TCP relay in front of a real Garnet server that can make the cache look gone without losing its data:
/// <see cref="Refuse"/> drops every connection and refuses new ones (a stopped server), <see cref="Hang"/> keeps
/// connections open but relays nothing (a paused or hung server), <see cref="Resume"/> serves again on the same port.
/// Services under test connect to <see cref="ConnectionString"/> instead of Garnet's.
/// </summary>
public sealed class CacheProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly CancellationTokenSource _disposed = new();
    private TcpListener? _listener;
    private TaskCompletionSource _relaying = NewOpenGate();

    public CacheProxy(int targetPort)
    {
        _targetPort = targetPort;
        Port = GarnetFixture.FreeTcpPort();
        Listen();
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string for the proxy.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Closes every connection and stops listening: connecting is refused, as when the server process is gone.</summary>
    public void Refuse()
    {
        _listener?.Stop();
        _listener = null;
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }
    }

    /// <summary>Keeps connections (and accepts new ones) but relays no bytes: commands are never answered.</summary>
    public void Hang()
    {
        if (_relaying.Task.IsCompleted)
        {
            _relaying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Listens again on the same port and relays what was held.</summary>
    public void Resume()
    {
        _relaying.TrySetResult();
        if (_listener is null)
        {
            Listen();
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        Refuse();
        _relaying.TrySetResult();
        _disposed.Dispose();
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        // The port had connections a moment ago: rebinding it must not wait for TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_disposed.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_disposed.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // stopped by Refuse or DisposeAsync
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        _connections[client] = 0;
        _connections[server] = 0;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _disposed.Token);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), stop.Token);
            var down = PumpAsync(server.GetStream(), client.GetStream(), stop.Token);
            await Task.WhenAny(up, down);
            await stop.CancelAsync();
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A refused or dropped connection ends the relay.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(server, out _);
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                // Hung: hold the bytes until Resume (or until the connection is dropped).
                await _relaying.Task.WaitAsync(cancellationToken);
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side went away.
        }
    }
}

using Garnet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer;

/// <summary>Runs a memory-only Garnet server for the lifetime of the host.</summary>
internal sealed partial class GarnetHostedService(IOptions<CacheServerOptions> options, ILoggerFactory loggerFactory, ILogger<GarnetHostedService> logger) : IHostedService, IDisposable
{
    private GarnetServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Garnet takes its settings as command-line style arguments; memory-only, no AOF, no checkpoints.
        string[] args =
        [
            "--bind", o.Bind,
            "--port", o.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--memory", o.Memory,
            "--index", o.Index,
        ];
        _server = new GarnetServer(args, loggerFactory);
        _server.Start();
        LogStarted(logger, o.Bind, o.Port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
    }

    [LoggerMessage(EventId = 1, EventName = "CacheStarted", Level = LogLevel.Information, Message = "Garnet cache listening on {Bind}:{Port}")]
    private static partial void LogStarted(ILogger logger, string bind, int port);
}

using global::Garnet;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer.Garnet;

/// <summary>
/// Owns the embedded <see cref="GarnetServer"/>: starts it (recovering the data directory when persistence is on) and
/// stops it without deleting anything, so that a pause can close the RESP port and a resume can reopen it with the
/// same data. Start and stop are serialized.
/// </summary>
internal sealed class GarnetHost(IOptions<CacheServerOptions> options, ILoggerFactory loggerFactory, ILogger<GarnetHost> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private GarnetServer? _server;

    /// <summary>Whether the RESP port is open.</summary>
    public bool IsServing
    {
        get
        {
            lock (_gate)
            {
                return _server is not null;
            }
        }
    }

    /// <summary>Opens the RESP port, after replaying the latest checkpoint and the AOF. Does nothing when already serving.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_server is not null)
            {
                return;
            }

            var o = options.Value;
            if (o.Persistence)
            {
                Directory.CreateDirectory(o.DataDirectory!);
            }

            var server = new GarnetServer(GarnetArguments.From(o), new GarnetLoggerFactory(loggerFactory), cleanupDir: false);
            try
            {
                server.Start();
            }
            catch
            {
                server.Dispose(deleteDir: false);
                throw;
            }

            _server = server;
            Log.Started(logger, o.Bind, o.Port, o.Persistence ? Path.GetFullPath(o.DataDirectory!) : null);
        }
    }

    /// <summary>Closes the RESP port and every connection. The AOF and checkpoints stay where they are.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_server is null)
            {
                return;
            }

            // deleteDir: false. GarnetServer.Dispose() without it may delete the log and checkpoint folders.
            _server.Dispose(deleteDir: false);
            _server = null;
            Log.Stopped(logger);
        }
    }

    public void Dispose() => Stop();
}

using LlmReference.CacheServer.Garnet;
using LlmReference.CacheServer.Telemetry;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer.Admin;

/// <summary>
/// Pause, resume and flush. A pause closes the RESP port (clients are refused, not hung: the quickest signal a client's
/// breaker can get) by stopping Garnet; with persistence on every acknowledged write is already in the AOF, so the
/// resume, which starts Garnet again with <c>--recover</c>, loses nothing. Every pause is bounded: it ends by itself.
/// </summary>
internal sealed class CacheChaos(
    GarnetHost garnet,
    RespCommands resp,
    CacheServerMetrics metrics,
    TimeProvider time,
    IOptions<CacheServerOptions> options,
    ILogger<CacheChaos> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _autoResume;
    private DateTimeOffset? _pausedUntil;

    public async Task<CacheState> GetStateAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? pausedUntil;
        lock (_gate)
        {
            pausedUntil = _pausedUntil;
        }

        var serving = garnet.IsServing;
        var keys = serving ? await resp.CountKeysAsync(cancellationToken) : (long?)null;
        var o = options.Value;
        return new CacheState(serving ? CacheState.Serving : CacheState.Paused, serving ? null : pausedUntil, keys,
            o.Persistence, o.Persistence ? Path.GetFullPath(o.DataDirectory!) : null);
    }

    /// <summary>Closes the RESP port for <paramref name="duration"/>; a second pause replaces the first one's end.</summary>
    public void Pause(TimeSpan duration)
    {
        lock (_gate)
        {
            _autoResume?.Dispose();
            garnet.Stop();
            _pausedUntil = time.GetUtcNow() + duration;
            _autoResume = time.CreateTimer(_ => ResumeAutomatically(), null, duration, Timeout.InfiniteTimeSpan);
        }

        metrics.RecordPause();
        Log.Paused(logger, duration.TotalSeconds, _pausedUntil.Value);
    }

    /// <summary>Opens the RESP port again (recovering the data); does nothing when already serving.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _autoResume?.Dispose();
            _autoResume = null;
            _pausedUntil = null;
            garnet.Start();
        }

        Log.Resumed(logger, automatically: false);
    }

    /// <summary>Deletes every key through RESP (logged in the AOF, so it survives a restart).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await resp.FlushAllAsync(cancellationToken);
        metrics.RecordFlush();
        Log.Flushed(logger);
    }

    private void ResumeAutomatically()
    {
        try
        {
            lock (_gate)
            {
                _autoResume?.Dispose();
                _autoResume = null;
                _pausedUntil = null;
                garnet.Start();
            }

            Log.Resumed(logger, automatically: true);
        }
        catch (Exception ex)
        {
            // On a timer thread nothing else would see it; the cache stays paused until POST /admin/cache/resume.
            Log.AutoResumeFailed(logger, ex);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _autoResume?.Dispose();
            _autoResume = null;
        }
    }
}

using System.Diagnostics.Metrics;
using LlmReference.CacheServer.Garnet;

namespace LlmReference.CacheServer.Telemetry;

/// <summary>The chaos controls' metrics, on the service's one Meter (from <see cref="IMeterFactory"/>).</summary>
internal sealed class CacheServerMetrics
{
    private readonly Counter<long> _pauses;
    private readonly Counter<long> _flushes;

    public CacheServerMetrics(IMeterFactory meterFactory, GarnetHost garnet)
    {
        var meter = meterFactory.Create(CacheServerTelemetry.Name);
        meter.CreateObservableGauge(CacheServerTelemetry.Metrics.Paused, () => garnet.IsServing ? 0 : 1, "{state}",
            "1 while the cache refuses connections (paused), 0 while it serves.");
        _pauses = meter.CreateCounter<long>(CacheServerTelemetry.Metrics.Pauses, "{pause}", "Pauses started through the admin API.");
        _flushes = meter.CreateCounter<long>(CacheServerTelemetry.Metrics.Flushes, "{flush}", "FLUSHALLs run through the admin API.");
    }

    public void RecordPause() => _pauses.Add(1);

    public void RecordFlush() => _flushes.Add(1);
}

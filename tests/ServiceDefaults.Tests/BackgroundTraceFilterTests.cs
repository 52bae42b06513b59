using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LlmReference.ServiceDefaults.Tests;

/// <summary>
/// Background work (a timer's refresh, a warm-up PING) is traced only when it fails; requests are untouched. Spans are
/// exported through the filter as the services export them: the filter before the exporter, under always_on.
/// </summary>
[Collection(RedisSourceCollection.Name)]
public sealed class BackgroundTraceFilterTests : IDisposable
{
    private const string Refresh = "fraud.monitoring.refresh";

    private readonly List<Activity> _exported = [];
    private readonly ActivitySource _service = new("LlmReference.ServiceDefaults.Tests.Background");
    private readonly ActivitySource _redis = new(UnrecordedParentRedisFilter.RedisSourceName);
    private readonly TracerProvider _provider;

    public BackgroundTraceFilterTests()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new AlwaysOnSampler())
            .AddSource(_service.Name, _redis.Name)
            .AddProcessor(new UnrecordedParentRedisFilter())
            .AddProcessor(new BackgroundTraceFilter([Refresh]))
            .AddInMemoryExporter(_exported)
            .Build();
    }

    [Fact]
    public void ASuccessfulBackgroundTickAndItsChildrenAreNotExported()
    {
        using (var tick = _service.StartActivity(Refresh))
        {
            Assert.NotNull(tick);
            Assert.True(tick.IsAllDataRequested, "the tick keeps its data (status, tags) for the failure case");
            _service.StartActivity("read window")?.Dispose();
            // A Redis command of the tick, parented through its context as the Redis instrumentation does.
            _redis.StartActivity("GET", ActivityKind.Client, tick.Context)?.Dispose();
        }

        _provider.ForceFlush();

        Assert.Empty(_exported);
    }

    [Fact]
    public void AFailedBackgroundTickIsExportedWithItsError()
    {
        using (var tick = _service.StartActivity(Refresh))
        {
            tick?.SetStatus(ActivityStatusCode.Error, "cache unavailable");
        }

        _provider.ForceFlush();

        var exported = Assert.Single(_exported);
        Assert.Equal(Refresh, exported.DisplayName);
        Assert.Equal("cache unavailable", exported.StatusDescription);
    }

    [Fact]
    public void ARedisCommandOutsideAnyRequestIsBackground()
    {
        _redis.StartActivity("PING", ActivityKind.Client)?.Dispose();
        using (var failed = _redis.StartActivity("GET", ActivityKind.Client))
        {
            failed?.SetStatus(ActivityStatusCode.Error);
        }

        _provider.ForceFlush();

        Assert.Equal("GET", Assert.Single(_exported).DisplayName);
    }

    [Fact]
    public void WorkUnderAFilteredProbeIsExportedOnlyWhenItFails()
    {
        using (var probe = _service.StartActivity("GET /health", ActivityKind.Server))
        {
            // What ASP.NET Core's instrumentation does with a filtered request (ServiceDefaults filters /health).
            probe!.IsAllDataRequested = false;
            probe.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            _service.StartActivity(Refresh)?.Dispose();
            using var failed = _service.StartActivity("stale check");
            failed?.SetStatus(ActivityStatusCode.Error);
        }

        _provider.ForceFlush();

        Assert.Equal("stale check", Assert.Single(_exported).DisplayName);
    }

    [Fact]
    public void RequestsAndTheSameSpanNameInsideARequestAreExported()
    {
        using (var request = _service.StartActivity("POST /api/chat", ActivityKind.Server))
        {
            // The refresh run by GET /api/fraud/monitoring is part of that request, not background work.
            _service.StartActivity(Refresh)?.Dispose();
            _redis.StartActivity("GET", ActivityKind.Client, request!.Context)?.Dispose();
        }

        _service.StartActivity("other.root.work")?.Dispose();
        _provider.ForceFlush();

        Assert.Equal(
            ["GET", "POST /api/chat", Refresh, "other.root.work"],
            _exported.Select(a => a.DisplayName).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        _provider.Dispose();
        _service.Dispose();
        _redis.Dispose();
    }
}

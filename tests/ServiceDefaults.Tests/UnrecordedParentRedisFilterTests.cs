using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LlmReference.ServiceDefaults.Tests;

/// <summary>
/// Under Aspire's always_on sampler, a health probe's Redis PING was exported as an orphan trace even though the probe's
/// own span was filtered out. The filter drops exactly those, and nothing else.
/// </summary>
[Collection(RedisSourceCollection.Name)]
public sealed class UnrecordedParentRedisFilterTests : IDisposable
{
    private readonly List<Activity> _exported = [];
    private readonly ActivitySource _redis = new(UnrecordedParentRedisFilter.RedisSourceName);
    private readonly ActivitySource _other = new("LlmReference.ServiceDefaults.Tests.Other");
    private readonly TracerProvider _provider;

    public UnrecordedParentRedisFilterTests()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new AlwaysOnSampler())
            .AddSource(_redis.Name, _other.Name)
            .AddProcessor(new UnrecordedParentRedisFilter())
            .AddInMemoryExporter(_exported)
            .Build();
    }

    [Fact]
    public void RedisSpanUnderAnUnrecordedParentIsNotExported()
    {
        var probe = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);

        _redis.StartActivity("PING", ActivityKind.Client, probe)?.Dispose();
        _provider.ForceFlush();

        Assert.Empty(_exported);
    }

    [Fact]
    public void RedisSpansUnderARecordedParentOrWithoutParentAreExported()
    {
        var request = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

        _redis.StartActivity("GET", ActivityKind.Client, request)?.Dispose();
        _redis.StartActivity("SET", ActivityKind.Client)?.Dispose();
        _provider.ForceFlush();

        Assert.Equal(["GET", "SET"], _exported.Select(a => a.DisplayName));
    }

    [Fact]
    public void OtherSourcesUnderAnUnrecordedParentAreLeftToTheSampler()
    {
        var unsampledCaller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);

        _other.StartActivity("GET /api/chat", ActivityKind.Server, unsampledCaller)?.Dispose();
        _provider.ForceFlush();

        Assert.Equal("GET /api/chat", Assert.Single(_exported).DisplayName);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _redis.Dispose();
        _other.Dispose();
    }
}

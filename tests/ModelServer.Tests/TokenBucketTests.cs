using LlmReference.ModelServer.Faults;
using LlmReference.ModelServer.Limits;
using LlmReference.ModelServer.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LlmReference.ModelServer.Tests;

/// <summary>Quota and fault timing on a fake clock: exact, and no waiting.</summary>
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void BucketRefusesWhenEmptyAndSaysHowLongUntilEnoughHasRefilled()
    {
        var bucket = new TokenBucket(capacity: 10, refillPerSecond: 1, _time);

        Assert.True(bucket.TryTake(8, out _));
        Assert.False(bucket.TryTake(5, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(3), retryAfter);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(bucket.TryTake(5, out _));
        Assert.Equal(0, bucket.Available, 6);
        Assert.Equal(TimeSpan.FromSeconds(10), bucket.TimeToFull);
    }

    [Fact]
    public void BucketNeverHoldsMoreThanItsCapacity()
    {
        var bucket = new TokenBucket(capacity: 10, refillPerSecond: 1, _time);

        _time.Advance(TimeSpan.FromMinutes(5));
        bucket.Return(100);

        Assert.Equal(10, bucket.Available, 6);
    }

    [Fact]
    public void RequestLargerThanTheBucketGoesOnlyWhenTheBucketIsFull()
    {
        var bucket = new TokenBucket(capacity: 10, refillPerSecond: 1, _time);

        Assert.True(bucket.TryTake(25, out _));
        Assert.False(bucket.TryTake(25, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(25), retryAfter);
    }

    [Fact]
    public void DeploymentLimiterChargesPromptPlusMaxTokensAndReportsTheQuotaThatRanOut()
    {
        var options = Options.Create(new ModelServerOptions
        {
            Models = { ["bank-assist-large"] = new() { RequestsPerMinute = 600, TokensPerMinute = 600, RateLimitWindowSeconds = 10 } },
        });
        var limiter = new DeploymentRateLimiter(options, _time);

        var first = limiter.TryAcquire(promptTokens: 40, maxCompletionTokens: 50);
        var second = limiter.TryAcquire(promptTokens: 40, maxCompletionTokens: 50);

        Assert.True(first.Allowed);
        Assert.Equal(10, first.RemainingTokens);
        Assert.False(second.Allowed);
        Assert.Equal("tokens", second.ExhaustedQuota);
        Assert.Equal(TimeSpan.FromSeconds(8), second.RetryAfter);
        Assert.Equal(99, second.RemainingRequests);
    }

    [Fact]
    public void FaultWithDurationExpiresOnTheClock()
    {
        using var meters = new TestMeterFactory();
        var options = Options.Create(new ModelServerOptions());
        var faults = new FaultController(_time, new ModelServerMetrics(meters, options), options, NullLogger<FaultController>.Instance);

        faults.Set(FaultMode.Latency, new FaultParameters { AddedMs = 100, DurationSeconds = 30 });
        _time.Advance(TimeSpan.FromSeconds(29));
        var before = faults.Current.Active;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([FaultMode.Latency], before);
        Assert.Empty(faults.Current.Active);
    }

    private sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        private readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}

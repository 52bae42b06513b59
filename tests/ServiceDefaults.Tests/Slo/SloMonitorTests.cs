using LlmReference.ServiceDefaults.Slo;

namespace LlmReference.ServiceDefaults.Tests.Slo;

/// <summary>The in-process evaluation: what counts, over which window, and the arithmetic of burn and budget.</summary>
public sealed class SloMonitorTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void CounterSelectorsCountMatchingIncrementsAndNegativeRegexExcludes()
    {
        using var f = new MonitorFixture(TestSlos.Availability());

        f.Add("success", 18);
        f.Add("model_error", 2);
        f.Add("invalid", 5);      // !~"invalid|rate_limited": not in the total
        f.Add("rate_limited", 5);

        var slo = f.Evaluate();
        var window = slo.Windows["5m"];
        Assert.Equal(18, window.Good);
        Assert.Equal(20, window.Total);
        Assert.Equal(0.1, window.ErrorRatio!.Value, 12);
        Assert.Equal(10, window.BurnRate!.Value, 9); // 10 % errors against a 1 % budget
        Assert.Equal(0.01, slo.ErrorBudget);
    }

    [Fact]
    public void CounterIncrementsAreAddedNotCounted()
    {
        using var f = new MonitorFixture(TestSlos.Availability());

        f.Requests.Add(12, new KeyValuePair<string, object?>("outcome", "success"));

        Assert.Equal(12, f.Evaluate().Windows["5m"].Total);
    }

    [Fact]
    public void HistogramBucketSelectorCountsMeasurementsAtOrBelowTheBound()
    {
        using var f = new MonitorFixture(TestSlos.Latency());
        var plain = new KeyValuePair<string, object?>("chat.streaming", false);
        var streamed = new KeyValuePair<string, object?>("chat.streaming", true);

        foreach (var seconds in new[] { 0.1, 1.0, 2.5, 2.6, 9.0 })
        {
            f.Duration.Record(seconds, plain);
        }

        f.Duration.Record(0.1, streamed); // chat_streaming="true": selected by neither
        f.Duration.Record(30, streamed);

        var window = f.Evaluate("svc-latency").Windows["5m"];
        Assert.Equal(3, window.Good);   // le="2.5" is inclusive, as in Prometheus
        Assert.Equal(5, window.Total);
    }

    [Fact]
    public void ABucketThatIsNotAmongTheHistogramsBoundsIsReported()
    {
        using var f = new MonitorFixture(TestSlos.Yaml(
            "svc-advised", 0.99, "svc_advised_seconds_bucket{le=\"2.5\"}", "svc_advised_seconds_count"));

        f.Meter.CreateHistogram<double>("svc.advised", "s", advice: new() { HistogramBucketBoundaries = [0.5, 1, 5] });

        var warning = Assert.Single(f.Logger.Collector.GetSnapshot(), r => r.Id.Name == "SloBucketBoundMissing");
        Assert.Contains("svc_advised_seconds_bucket{le=\"2.5\"}", warning.Message);
        Assert.Contains("0.5, 1, 5", warning.Message);
    }

    [Fact]
    public void ScopeLabelsMatchAndTargetLabelsAreIgnored()
    {
        using var f = new MonitorFixture(TestSlos.Yaml(
            "svc-scoped", 0.99,
            good: "svc_requests_total{otel_scope_name=\"svc.meter\",outcome=\"success\"}",
            total: "svc_requests_total{otel_scope_name=~\"other|svc.meter\",instance=\"host:80\"}"));

        f.Add("success", 3);
        f.Add("model_error");

        var window = f.Evaluate("svc-scoped").Windows["5m"];
        Assert.Equal(3, window.Good);
        Assert.Equal(4, window.Total);
    }

    [Fact]
    public void InstrumentsCreatedAfterStartAreCountedAndOtherHostsMetersAreNot()
    {
        using var f = new MonitorFixture(TestSlos.Yaml("svc-late", 0.99, "svc_late_total{outcome=\"success\"}", "svc_late_total"));
        using var otherHost = new System.Diagnostics.Metrics.Meter(new System.Diagnostics.Metrics.MeterOptions("svc.meter") { Scope = new object() });

        f.Meter.CreateCounter<int>("svc.late").Add(1, new KeyValuePair<string, object?>("outcome", "success"));
        otherHost.CreateCounter<int>("svc.late").Add(1, new KeyValuePair<string, object?>("outcome", "success"));

        Assert.Equal(1, f.Evaluate("svc-late").Windows["5m"].Total);
    }

    [Fact]
    public void EventsRollOffEachWindowButNotTheSinceStartTotals()
    {
        using var f = new MonitorFixture(TestSlos.Availability());
        f.Add("model_error", 20);

        f.Time.Advance(6 * Minute);
        var afterShort = f.Evaluate();
        Assert.Equal(0, afterShort.Windows["5m"].Total);
        Assert.Null(afterShort.Windows["5m"].BurnRate);
        Assert.Equal(20, afterShort.Windows["1h"].Total);

        f.Time.Advance(55 * Minute);
        var afterLong = f.Evaluate();
        Assert.Equal(0, afterLong.Windows["1h"].Total);
        Assert.Equal(20, afterLong.SinceStart.Total);
    }

    [Fact]
    public void WindowsAreExactToOneBucket()
    {
        using var f = new MonitorFixture(TestSlos.Availability());
        f.Add("success", 10);

        f.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(10));
        Assert.Equal(10, f.Evaluate().Windows["5m"].Total);

        f.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, f.Evaluate().Windows["5m"].Total);
    }

    [Fact]
    public void BurnRateNeedsTheMinimumEvents()
    {
        using var f = new MonitorFixture(TestSlos.Availability());
        f.Add("model_error", 9);

        var thin = f.Evaluate();
        Assert.Equal(1, thin.Windows["5m"].ErrorRatio);
        Assert.Null(thin.Windows["5m"].BurnRate);
        Assert.Equal(SloStatus.InsufficientData, thin.Status);

        f.Add("model_error");
        var enough = f.Evaluate();
        Assert.Equal(100, enough.Windows["5m"].BurnRate!.Value, 9);
        Assert.Equal(SloStatus.FastBurn, enough.Status);
    }

    [Fact]
    public void NoEventsMeansNoRatioAndAnUntouchedBudget()
    {
        using var f = new MonitorFixture(TestSlos.Availability());

        var slo = f.Evaluate();

        Assert.Null(slo.Windows["5m"].ErrorRatio);
        Assert.Equal(1, slo.SinceStart.ErrorBudgetRemaining);
        Assert.Equal(SloStatus.InsufficientData, slo.Status);
    }

    [Theory]
    [InlineData(100, 0, 1)]     // nothing failed
    [InlineData(100, 1, 0)]     // exactly the 1 % budget
    [InlineData(200, 1, 0.5)]   // half of it
    [InlineData(100, 3, -2)]    // three budgets' worth: overspent, and it says by how much
    public void BudgetRemainingIsOneMinusTheSpentShare(int total, int bad, double remaining)
    {
        using var f = new MonitorFixture(TestSlos.Availability());
        f.Add("success", total - bad);
        f.Add("model_error", bad);

        Assert.Equal(remaining, f.Evaluate().SinceStart.ErrorBudgetRemaining, 9);
    }

    [Fact]
    public void AFastBurnNeedsBothWindows()
    {
        using var f = new MonitorFixture(TestSlos.Availability());
        f.Add("success", 2000);           // a healthy hour so far
        f.Time.Advance(10 * Minute);

        f.Add("model_error", 50);         // a bad 5 minutes: 100x now, but 2.4x over the hour
        var blip = f.Evaluate();
        Assert.True(blip.Windows["5m"].BurnRate > 14.4);
        Assert.True(blip.Windows["1h"].BurnRate < 14.4);
        Assert.Equal(SloStatus.Ok, blip.Status);

        f.Add("model_error", 350);        // sustained: 400 of 2400 in the hour is 16.7x
        Assert.Equal(SloStatus.FastBurn, f.Evaluate().Status);
    }
}

using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmReference.LoadGenerator.Tests.Scheduling;

/// <summary>
/// A target that stops answering for one second must show up in the tail, even for requests that could not be sent
/// during the pause. Run against a real loopback HTTP server.
/// </summary>
/// <remarks>
/// Why the bounds hold on any machine: the pause starts at some moment A when the 10th request arrives, and nothing
/// that arrives in [A, A + 1 s) is answered before A + 1 s. A request intended at I ≥ A either arrives in the pause (so
/// ends after A + 1 s) or arrives later still; either way its latency, from I, is at least A + 1 s − I. So the ≈ 5
/// requests intended in [A, A + 0.1 s] all take ≥ 0.9 s and the ≈ 25 in [A, A + 0.5 s] ≥ 0.5 s, whatever the machine's
/// speed: a slow machine only adds latency. Of 100 requests, that puts p99 ≥ 0.9 s and p90 ≥ 0.5 s.
/// </remarks>
public sealed class CoordinatedOmissionTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task APauseInTheTargetShowsInTheTail()
    {
        await using var target = await StallingFraudTarget.StartAsync(stallAt: 10, Pause);

        var report = await RunAsync(target, maxInFlight: 256);

        var latency = report.Total.Latency;
        Assert.Equal(100, report.Total.Sent);
        Assert.Equal(100, report.Total.Completed);
        Assert.True(latency.MaxMs >= Pause.TotalMilliseconds, $"max {latency.MaxMs} ms");
        Assert.True(latency.P99Ms >= 0.9 * Pause.TotalMilliseconds, $"p99 {latency.P99Ms} ms");
        Assert.True(latency.P90Ms >= 0.5 * Pause.TotalMilliseconds, $"p90 {latency.P90Ms} ms");
    }

    [Fact]
    public async Task RequestsThatCouldNotBeSentDuringThePauseStillCountTheirWait()
    {
        // One request in flight at most: like a closed-loop tool, the generator cannot send while the target stalls.
        // A tool timing from the actual send would see one slow request; timing from the intended time sees them all.
        await using var target = await StallingFraudTarget.StartAsync(stallAt: 10, Pause);

        var report = await RunAsync(target, maxInFlight: 1);

        var latency = report.Total.Latency;
        Assert.Equal(100, report.Total.Sent + report.Total.NotSent);
        Assert.True(latency.P99Ms >= 0.9 * Pause.TotalMilliseconds, $"p99 {latency.P99Ms} ms");
        Assert.True(latency.P90Ms >= 0.5 * Pause.TotalMilliseconds, $"p90 {latency.P90Ms} ms");
    }

    [Fact]
    public async Task ADeadTargetFillsTheInFlightBoundAndTheRestAreCountedAsNotSent()
    {
        // The pause outlasts the run: two requests go out, the rest wait for a slot until the window closes.
        await using var target = await StallingFraudTarget.StartAsync(stallAt: 1, TimeSpan.FromSeconds(30));
        var options = Options(target) with { Rate = "20", Duration = TimeSpan.FromSeconds(1), MaxInFlight = 2, DrainTimeout = TimeSpan.FromMilliseconds(200) };

        var report = await new LoadRun(options, Targets(target), TimeProvider.System, NullLogger<LoadRun>.Instance).RunAsync(CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, report.Total.Sent);
        Assert.Equal(18, report.Total.NotSent);
        Assert.Equal(0, report.Total.Completed);
        Assert.Equal(18, report.Total.ErrorsByType["not-sent"]);
        Assert.Equal(2, report.Total.ErrorsByType["cancelled"]);
    }

    private static Task<LoadReport> RunAsync(StallingFraudTarget target, int maxInFlight) =>
        new LoadRun(Options(target) with { MaxInFlight = maxInFlight }, Targets(target), TimeProvider.System, NullLogger<LoadRun>.Instance)
            .RunAsync(CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));

    // 50 requests/s for 2 s: 100 requests, the pause starting at the 10th.
    private static LoadRunOptions Options(StallingFraudTarget target) => new()
    {
        Scenario = ScenarioNames.FraudScore,
        FraudTarget = target.BaseAddress,
        Rate = "50",
        Duration = TimeSpan.FromSeconds(2),
        DrainTimeout = TimeSpan.FromSeconds(20),
    };

    private static LoadTargets Targets(StallingFraudTarget target) =>
        new(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") }, new HttpClient { BaseAddress = target.BaseAddress, Timeout = TimeSpan.FromSeconds(20) });
}

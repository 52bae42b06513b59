using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scheduling;
using LlmReference.LoadGenerator.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LlmReference.LoadGenerator.Tests.Scheduling;

/// <summary>The open model sends each request at its intended time on a fake clock: exactly the rate, never early.</summary>
public sealed class OpenModelArrivalTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ArrivalsFollowAConstantRate()
    {
        var sent = await RunOnFakeClockAsync(ArrivalSchedule.Constant(10, TimeSpan.FromSeconds(2)));

        Assert.Equal(20, sent.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => Start.AddMilliseconds(i * 100)), sent);
    }

    [Fact]
    public async Task ArrivalsFollowASteppedRate()
    {
        var sent = await RunOnFakeClockAsync(ArrivalSchedule.Parse("2@1s,20@0.5s,2@1s", TimeSpan.Zero));

        var expected = new[] { 0.0, 500 }
            .Concat(Enumerable.Range(0, 10).Select(i => 1000 + (i * 50.0)))
            .Concat([1500, 2000])
            .Select(ms => Start.AddMilliseconds(ms));
        Assert.Equal(expected, sent);
    }

    // Moves the fake clock to each next intended time only once the previous request has been sent, so whichever of
    // the runner and the test gets there first, a request goes out exactly when the clock reaches its time.
    private static async Task<List<DateTimeOffset>> RunOnFakeClockAsync(ArrivalSchedule schedule)
    {
        var time = new FakeTimeProvider(Start);
        var scenario = new RecordingScenario(time);
        var executor = new RequestExecutor(scenario, seed: 1, time, new LoadStatistics(), metrics: null);
        executor.Start();
        var runner = new OpenModelRunner(schedule, maxCount: null, maxInFlight: 100, TimeSpan.FromSeconds(1), NullLogger.Instance);
        var run = runner.RunAsync(executor, CancellationToken.None);

        var intended = schedule.IntendedTimes().ToList();
        for (var i = 0; i < intended.Count; i++)
        {
            await WaitUntilAsync(() => scenario.SentAt.Count > i);
            if (i + 1 < intended.Count)
            {
                time.Advance(intended[i + 1] - intended[i]);
            }
        }

        time.Advance(schedule.Duration);
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        return [.. scenario.SentAt.OrderBy(s => s.Key).Select(s => s.Value)];
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The runner did not send the next request.");
            await Task.Delay(1);
        }
    }
}

using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scheduling;
using LlmReference.LoadGenerator.Tests.Fakes;

namespace LlmReference.LoadGenerator.Tests.Scheduling;

public sealed class ClosedModelTests
{
    [Fact]
    public async Task UsersSendBackToBackAndConcurrencyNeverExceedsTheirNumber()
    {
        var scenario = new RecordingScenario(TimeProvider.System, ct => Task.Delay(20, ct));
        var statistics = new LoadStatistics();
        var executor = new RequestExecutor(scenario, seed: 1, TimeProvider.System, statistics, metrics: null);
        executor.Start();

        await new ClosedModelRunner(users: 3, TimeSpan.FromMinutes(1), maxCount: 60, TimeSpan.FromSeconds(5))
            .RunAsync(executor, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(60, statistics.All.Sent);
        Assert.Equal(60, statistics.All.Succeeded);
        Assert.Equal(3, scenario.MaxConcurrent);
    }

    [Fact]
    public async Task ARunStopsAtItsDuration()
    {
        var scenario = new RecordingScenario(TimeProvider.System, ct => Task.Delay(10, ct));
        var executor = new RequestExecutor(scenario, seed: 1, TimeProvider.System, new LoadStatistics(), metrics: null);
        executor.Start();

        await new ClosedModelRunner(users: 2, TimeSpan.FromMilliseconds(300), maxCount: null, TimeSpan.FromSeconds(5))
            .RunAsync(executor, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        // It stops (the wait above would time out) and sends no more than two users can in 300 ms. No lower bound: a
        // loaded machine may not schedule a user before the window closes, and that proves nothing about stopping.
        Assert.InRange(scenario.SentAt.Count, 0, 2 * 300 / 10);
    }
}

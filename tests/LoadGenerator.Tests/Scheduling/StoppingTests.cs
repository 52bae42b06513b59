using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Scheduling;
using LlmReference.LoadGenerator.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmReference.LoadGenerator.Tests.Scheduling;

/// <summary>Stop (Ctrl+C now, a "Stop load" command later) ends a run at once, and what was in flight is counted.</summary>
public sealed class StoppingTests
{
    [Fact]
    public async Task StoppingAnOpenRunCancelsWhatIsInFlightAndCountsIt()
    {
        var scenario = new RecordingScenario(TimeProvider.System, ct => Task.Delay(TimeSpan.FromMinutes(1), ct));
        var statistics = new LoadStatistics();
        var executor = new RequestExecutor(scenario, seed: 1, TimeProvider.System, statistics, metrics: null);
        executor.Start();
        using var stop = new CancellationTokenSource();
        var run = new OpenModelRunner(ArrivalSchedule.Constant(20, TimeSpan.FromMinutes(10)), null, 100, TimeSpan.FromMinutes(1), NullLogger.Instance)
            .RunAsync(executor, stop.Token);

        while (statistics.All.Sent + executor.InFlight < 3)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, executor.InFlight);
        Assert.True(statistics.All.Sent >= 3);
        Assert.Equal(statistics.All.Sent, statistics.All.ByKind[OutcomeKind.Cancelled]);
    }

    [Fact]
    public async Task AClosedRunEndsAfterItsDrainTimeEvenIfTheTargetNeverAnswers()
    {
        var scenario = new RecordingScenario(TimeProvider.System, ct => Task.Delay(TimeSpan.FromMinutes(1), ct));
        var statistics = new LoadStatistics();
        var executor = new RequestExecutor(scenario, seed: 1, TimeProvider.System, statistics, metrics: null);
        executor.Start();

        await new ClosedModelRunner(users: 2, TimeSpan.FromMilliseconds(200), null, TimeSpan.FromMilliseconds(200))
            .RunAsync(executor, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(2, statistics.All.Sent);
        Assert.Equal(2, statistics.All.ByKind[OutcomeKind.Cancelled]);
    }
}

using LlmReference.LoadGenerator.Reporting;

namespace LlmReference.LoadGenerator.Control;

/// <summary>One run the control API started: its plan, the engine's run, how to stop it, and its end.</summary>
internal sealed class ActiveRun(LoadPlan plan, LoadRun run, CancellationTokenSource stop)
{
    public LoadPlan Plan { get; } = plan;

    public LoadRun Run { get; } = run;

    public CancellationTokenSource Stop { get; } = stop;

    /// <summary>The run, from start to report (never faults: see <see cref="LoadController"/>).</summary>
    public Task<LoadReport?> Completion { get; set; } = Task.FromResult<LoadReport?>(null);

    public bool IsRunning => !Completion.IsCompleted;

    public LoadStatus Status()
    {
        if (Completion.IsCompletedSuccessfully && Completion.Result is { } report)
        {
            var total = report.Total;
            return new LoadStatus(false, Plan.Kind, Plan.Scenario, Run.Schedule, 0, report.DurationSeconds,
                total.Sent, total.Completed, total.Errors, 0, total.Latency.P50Ms, total.Latency.P99Ms, report);
        }

        var all = Run.Statistics.All;
        var latency = all.Latency.Summarize();
        var elapsed = Run.Elapsed;
        return new LoadStatus(IsRunning, Plan.Kind, Plan.Scenario, Run.Schedule, IsRunning ? Plan.RateAt(elapsed) : 0,
            Math.Round(elapsed.TotalSeconds, 3), all.Sent, all.Succeeded, all.Errors, Run.InFlight, latency.P50Ms, latency.P99Ms, null);
    }
}

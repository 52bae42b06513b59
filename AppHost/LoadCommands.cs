namespace Aspire.Hosting;

/// <summary>
/// Dashboard commands on <c>loadgen</c> that drive the load generator's control API (<c>/load</c>), so load can be put
/// on the app, spiked and stopped from the Resources page while its effect shows in traces, metrics and health.
/// </summary>
public static class LoadCommands
{
    public static readonly IReadOnlyList<DashboardCommand> All =
    [
        new("load-steady", "/load/steady", "Steady load", "Play", "Sends the default mix at the steady rate (1 request/s) for 10 minutes, or until stopped."),
        new("load-spike", "/load/spike", "Spike ×5 for 60 s", "ArrowTrendingLines", "Five times the steady rate for 60 s, then back to steady if it was running, else stop."),
        new("load-stop", "/load/stop", "Stop load", "Stop", "Stops the run; requests in flight are cancelled and counted."),
    ];
}

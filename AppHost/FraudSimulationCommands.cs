namespace Aspire.Hosting;

/// <summary>
/// Dashboard commands on <c>fraud</c> that drive its built-in transaction simulator, so drift detection can be watched
/// live: start normal traffic, switch to drifted traffic (a new fraud pattern, inflated amounts, a new merchant mix),
/// or stop. The simulator also delivers delayed ground-truth labels, which feed precision/recall monitoring.
/// </summary>
public static class FraudSimulationCommands
{
    public static readonly IReadOnlyList<DashboardCommand> All =
    [
        new("traffic-start", "/api/fraud/simulation/start?profile=baseline", "Start simulated traffic", "Play", "Scores simulated card transactions from the training distribution, with delayed labels."),
        new("traffic-drift", "/api/fraud/simulation/start?profile=drifted", "Start drifted traffic", "ArrowTrending", "Switches the simulator to drifted traffic; PSI rises and readiness turns Degraded."),
        new("traffic-stop", "/api/fraud/simulation/stop", "Stop simulated traffic", "Stop", "Stops the simulator."),
    ];

    /// <summary>Enables the simulator's control endpoints (off unless the AppHost asks) and adds the commands.</summary>
    public static IResourceBuilder<ProjectResource> WithSimulationCommands(this IResourceBuilder<ProjectResource> resource) =>
        resource
            .WithEnvironment("Fraud__Simulation__Enabled", "true")
            .WithPostCommands(All);
}

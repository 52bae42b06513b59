using Aspire.Hosting.ApplicationModel;

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

    /// <summary>
    /// Enables the simulator's control endpoints (off unless the AppHost asks) and adds the commands, which send the
    /// fraud API key (a secret parameter, resolved only when a command runs).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSimulationCommands(
        this IResourceBuilder<ProjectResource> resource, IResourceBuilder<ParameterResource> apiKey) =>
        resource
            .WithEnvironment("Fraud__Simulation__Enabled", "true")
            .WithPostCommands(All, async context =>
                context.Request.Headers.Add("X-Api-Key", await apiKey.Resource.GetValueAsync(context.CancellationToken)));
}

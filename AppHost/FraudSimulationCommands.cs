using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Dashboard commands on <c>fraud</c> that drive its built-in transaction simulator, so drift detection can be watched
/// live: start normal traffic, switch to drifted traffic (a new fraud pattern, inflated amounts, a new merchant mix),
/// or stop. The simulator also delivers delayed ground-truth labels, which feed precision/recall monitoring.
/// </summary>
public static class FraudSimulationCommands
{
    /// <summary>Command name, FraudService path, label, icon and description of each command.</summary>
    public static readonly IReadOnlyList<(string Name, string Path, string DisplayName, string Icon, string Description)> All =
    [
        ("traffic-start", "/api/fraud/simulation/start?profile=baseline", "Start simulated traffic", "Play", "Scores simulated card transactions from the training distribution, with delayed labels."),
        ("traffic-drift", "/api/fraud/simulation/start?profile=drifted", "Start drifted traffic", "ArrowTrending", "Switches the simulator to drifted traffic; PSI rises and readiness turns Degraded."),
        ("traffic-stop", "/api/fraud/simulation/stop", "Stop simulated traffic", "Stop", "Stops the simulator."),
    ];

    public static IResourceBuilder<ProjectResource> WithSimulationCommands(this IResourceBuilder<ProjectResource> resource)
    {
        resource.WithEnvironment("Fraud__Simulation__Enabled", "true");

        foreach (var (name, path, displayName, icon, description) in All)
        {
            resource.WithHttpCommand(
                path,
                displayName,
                endpointName: "http",
                commandName: name,
                commandOptions: new HttpCommandOptions
                {
                    Method = HttpMethod.Post,
                    Description = description,
                    IconName = icon,
                });
        }

        return resource;
    }
}

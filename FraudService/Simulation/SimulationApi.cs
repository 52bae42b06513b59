using LlmReference.FraudService.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Simulation;

/// <summary>
/// Control of the built-in simulated traffic, mapped only when <c>Fraud:Simulation:Enabled</c>:
/// <c>GET /api/fraud/simulation</c>, <c>POST /api/fraud/simulation/start?profile=baseline|drifted</c>,
/// <c>POST /api/fraud/simulation/stop</c>. The AppHost's "start/stop drifted traffic" commands call these.
/// </summary>
public static class SimulationApi
{
    public static IEndpointRouteBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<SimulationOptions>>().Value.Enabled)
        {
            return app;
        }

        var group = app.MapGroup("/api/fraud/simulation").WithTags("Simulation").RequireFraudApiKey();
        group.MapGet("/", GetStatus).WithName("GetSimulation");
        group.MapPost("/start", Start).WithName("StartSimulation");
        group.MapPost("/stop", Stop).WithName("StopSimulation");
        return app;
    }

    public static Ok<SimulationStatus> GetStatus(SimulatedTraffic traffic) => TypedResults.Ok(traffic.Status);

    public static Results<Ok<SimulationStatus>, ProblemHttpResult> Start(SimulatedTraffic traffic, string? profile = null)
    {
        TrafficProfile parsed;
        switch (profile)
        {
            case null or "baseline": parsed = TrafficProfile.Baseline; break;
            case "drifted": parsed = TrafficProfile.Drifted; break;
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown profile",
                    detail: $"'profile' must be 'baseline' or 'drifted', not '{(profile.Length > 32 ? profile[..32] : profile)}'.");
        }

        traffic.Start(parsed);
        return TypedResults.Ok(traffic.Status);
    }

    public static Ok<SimulationStatus> Stop(SimulatedTraffic traffic)
    {
        traffic.Stop();
        return TypedResults.Ok(traffic.Status);
    }
}

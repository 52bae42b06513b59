using LlmReference.FraudService.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmReference.FraudService.Monitoring;

/// <summary><c>GET /api/fraud/monitoring</c>: the monitoring figures, computed now.</summary>
public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/fraud").WithTags("Monitoring").RequireFraudApiKey().RequireCache()
            .MapGet("/monitoring", GetAsync).WithName("GetMonitoring");
        return app;
    }

    public static async Task<Ok<MonitoringReport>> GetAsync(MonitoringService monitoring) =>
        TypedResults.Ok(await monitoring.RefreshAsync());
}

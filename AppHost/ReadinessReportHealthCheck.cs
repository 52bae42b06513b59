using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.AppHost;

/// <summary>
/// Reads a service's readiness report (<c>GET /health</c>, the JSON that ServiceDefaults writes) and reports its
/// status with the descriptions of the checks that are not Healthy. <c>WithHttpHealthCheck</c> looks at the status
/// code only, and readiness answers 200 for Degraded on purpose (an orchestrator must keep a degraded service in
/// rotation), so without this a fast SLO burn or fraud-model drift would show as a green Healthy on the Resources page.
/// </summary>
internal sealed class ReadinessReportHealthCheck(EndpointReference endpoint, IHttpClientFactory httpClientFactory) : IHealthCheck
{
    public const string Path = "/health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The endpoint is not allocated yet.");
        }

        try
        {
            using var client = httpClientFactory.CreateClient(nameof(ReadinessReportHealthCheck));
            using var response = await client.GetAsync(new Uri(new Uri(endpoint.Url), Path), cancellationToken);
            var report = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var status = report.TryGetProperty("status", out var s) && Enum.TryParse<HealthStatus>(s.GetString(), out var parsed)
                ? parsed
                : response.IsSuccessStatusCode ? HealthStatus.Healthy : HealthStatus.Unhealthy;
            return new HealthCheckResult(status, Describe(report));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{Path} did not answer with a readiness report.", ex);
        }
    }

    // "slo: chatapi-availability is burning its error budget fast (…); model: PSI 0.31 on amountUsd …"
    private static string? Describe(JsonElement report)
    {
        if (!report.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var problems = checks.EnumerateObject()
            .Where(c => c.Value.TryGetProperty("status", out var st) && st.GetString() != nameof(HealthStatus.Healthy))
            .Select(c => c.Value.TryGetProperty("description", out var d) && d.GetString() is { Length: > 0 } text
                ? $"{c.Name}: {text}"
                : $"{c.Name}: {c.Value.GetProperty("status").GetString()}")
            .ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}

using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// Readiness check <c>slo</c>: Degraded while any SLO burns its error budget fast (burn rate above the page
/// threshold in both short windows), with the SLO and its burn rates in the description, so the Resources page
/// and <c>/health</c> say which objective is being missed.
/// </summary>
/// <remarks>
/// Degraded, never Unhealthy: <c>/health</c> answers 200 for Degraded, so a burning replica stays in rotation. A fast
/// burn is a symptom shared by every replica (usually a dependency such as the model); taking replicas out would turn
/// a partial outage into a total one. Not tagged live: a burning service must not be restarted for it.
/// </remarks>
public sealed class SloHealthCheck(SloMonitor monitor) : IHealthCheck
{
    public const string Name = "slo";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = monitor.Evaluate();
        var data = report.Slos.ToDictionary(s => s.Name, s => (object)Describe(s), StringComparer.Ordinal);
        var burning = report.Slos.Where(s => s.Status == SloStatus.FastBurn).ToList();
        if (burning.Count > 0)
        {
            var what = burning.Select(s => $"{s.Name} is burning its error budget fast ({Describe(s)}; page threshold {Number(report.FastBurnThreshold)}x)");
            return Task.FromResult(HealthCheckResult.Degraded(string.Join("; ", what) + ".", data: data));
        }

        var waiting = report.Slos.Count(s => s.Status == SloStatus.InsufficientData);
        var description = $"No SLO is burning its error budget fast ({report.Slos.Count} evaluated"
            + (waiting > 0 ? $", {waiting} with fewer than {report.MinimumEvents} events in the short window)." : ").");
        return Task.FromResult(HealthCheckResult.Healthy(description, data));
    }

    private static string Describe(SloResult slo) => string.Join(
        ", ",
        slo.Windows.Select(w => $"{(w.Value.BurnRate is { } rate ? Number(rate) + "x" : "n/a")} over {w.Key}"));

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// Readiness: Degraded (never Unhealthy: the service still scores) when drift reaches the act threshold or realized
/// precision falls below its floor, with the reason in the description. Uses the latest report, refreshed if stale.
/// </summary>
public sealed class ModelHealthCheck(MonitoringService monitoring, IOptions<MonitoringOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "fraud-model";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var report = monitoring.Latest;
        if (report is null || time.GetUtcNow() - report.ComputedAt > o.RefreshInterval)
        {
            report = await monitoring.RefreshAsync().ConfigureAwait(false);
        }

        var reasons = new List<string>(2);
        if (report.Drift is { Status: DriftStatus.Act } drift)
        {
            reasons.Add($"drift: PSI of {drift.MaxPsiFeature} is {drift.MaxPsi:F3} (act threshold {o.PsiActThreshold})");
        }

        if (report.Labels is { Precision: { } precision } labels && labels.Count >= o.MinLabelsForHealth && precision < o.MinPrecision)
        {
            reasons.Add($"precision {precision:F3} over the last {labels.Count} labels is below {o.MinPrecision}");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["modelVersion"] = report.ModelVersion,
            ["driftStatus"] = report.Drift.Status.ToString(),
        };
        return reasons.Count == 0
            ? HealthCheckResult.Healthy($"Model {report.ModelVersion}: drift {report.Drift.Status}, precision {report.Labels.Precision?.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}.", data)
            : HealthCheckResult.Degraded($"Model {report.ModelVersion}: {string.Join("; ", reasons)}.", data: data);
    }
}

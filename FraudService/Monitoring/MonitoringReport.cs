namespace LlmReference.FraudService.Monitoring;

/// <summary>What <c>GET /api/fraud/monitoring</c> returns, and what the monitoring metrics export.</summary>
/// <param name="ModelVersion">The serving model; the windows are per model version.</param>
/// <param name="Labels">Realized accuracy over the most recent labels.</param>
/// <param name="Drift">Distribution shift of scored traffic (PSI against the reference).</param>
/// <param name="ComputedAt">When these figures were computed.</param>
public sealed record MonitoringReport(string ModelVersion, LabelMonitoring Labels, DriftMonitoring Drift, DateTimeOffset ComputedAt);

using System.Diagnostics.Metrics;

namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// Observable gauges over <see cref="MonitoringService.Latest"/>, on the service's meter. Every measurement carries <c>fraud.model.version</c>; undefined ratios
/// are not reported rather than reported as zero.
/// </summary>
public static class MonitoringMetrics
{
    public static void Register(Meter meter, MonitoringService monitoring)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableGauge(FraudTelemetry.Metrics.Precision, () => Ratio(monitoring, l => l.Precision), unit: "1",
            description: "Share of alerts (review or decline) that were fraud, over the label window.");
        meter.CreateObservableGauge(FraudTelemetry.Metrics.Recall, () => Ratio(monitoring, l => l.Recall), unit: "1",
            description: "Share of frauds that raised an alert, over the label window.");
        meter.CreateObservableGauge(FraudTelemetry.Metrics.FalsePositiveRate, () => Ratio(monitoring, l => l.FalsePositiveRate), unit: "1",
            description: "Share of legitimate transactions that raised an alert, over the label window.");
        meter.CreateObservableGauge(FraudTelemetry.Metrics.AlertRate, () => Ratio(monitoring, l => l.AlertRate), unit: "1",
            description: "Share of labelled transactions that raised an alert, over the label window.");
        meter.CreateObservableGauge(FraudTelemetry.Metrics.Psi, () => Psi(monitoring), unit: "1",
            description: "Population stability index of the score and main features over the scored window, against the model's reference.");
        meter.CreateObservableGauge(FraudTelemetry.Metrics.LabelledTransactions, () => Outcomes(monitoring), unit: "{transaction}",
            description: "Labelled transactions in the window by confusion-matrix cell.");
        meter.CreateObservableGauge(FraudTelemetry.Metrics.ErrorCost, () => Costs(monitoring), unit: "USD",
            description: "Business cost of errors over the label window, by error type.");
    }

    private static IEnumerable<Measurement<double>> Ratio(MonitoringService monitoring, Func<LabelMonitoring, double?> select)
    {
        if (monitoring.Latest is { } report && select(report.Labels) is { } value)
        {
            yield return new Measurement<double>(value, Version(report));
        }
    }

    private static IEnumerable<Measurement<double>> Psi(MonitoringService monitoring)
    {
        // No PSI series while the window holds too few transactions to judge drift.
        if (monitoring.Latest is not { Drift.Psi: { } values } report)
        {
            yield break;
        }

        foreach (var (feature, psi) in values)
        {
            yield return new Measurement<double>(psi, Version(report), new KeyValuePair<string, object?>(FraudTelemetry.Attributes.Feature, feature));
        }
    }

    private static IEnumerable<Measurement<long>> Outcomes(MonitoringService monitoring)
    {
        if (monitoring.Latest is not { } report)
        {
            yield break;
        }

        var l = report.Labels;
        yield return new Measurement<long>(l.TruePositives, Version(report), Outcome("true_positive"));
        yield return new Measurement<long>(l.FalsePositives, Version(report), Outcome("false_positive"));
        yield return new Measurement<long>(l.TrueNegatives, Version(report), Outcome("true_negative"));
        yield return new Measurement<long>(l.FalseNegatives, Version(report), Outcome("false_negative"));
    }

    private static IEnumerable<Measurement<double>> Costs(MonitoringService monitoring)
    {
        if (monitoring.Latest is not { } report)
        {
            yield break;
        }

        yield return new Measurement<double>(report.Labels.FalsePositiveCost, Version(report),
            new KeyValuePair<string, object?>(FraudTelemetry.Attributes.ErrorType, "false_positive"));
        yield return new Measurement<double>(report.Labels.MissedFraudCost, Version(report),
            new KeyValuePair<string, object?>(FraudTelemetry.Attributes.ErrorType, "missed_fraud"));
    }

    private static KeyValuePair<string, object?> Version(MonitoringReport report) => new(FraudTelemetry.Attributes.ModelVersion, report.ModelVersion);

    private static KeyValuePair<string, object?> Outcome(string outcome) => new(FraudTelemetry.Attributes.Outcome, outcome);
}

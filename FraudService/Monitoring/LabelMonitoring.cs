namespace LlmReference.FraudService.Monitoring;

/// <summary>Realized accuracy over the label window. Ratios are null while undefined (no alerts, no fraud, ...).</summary>
/// <param name="WindowSize">Configured window (most recent labels).</param>
/// <param name="Count">Labels currently in the window.</param>
/// <param name="FalsePositiveCost">False positives × cost per false positive (USD).</param>
/// <param name="MissedFraudCost">False negatives × cost per missed fraud (USD).</param>
public sealed record LabelMonitoring(
    int WindowSize,
    long Count,
    long TruePositives,
    long FalsePositives,
    long TrueNegatives,
    long FalseNegatives,
    double? Precision,
    double? Recall,
    double? FalsePositiveRate,
    double? AlertRate,
    double FalsePositiveCost,
    double MissedFraudCost,
    double TotalCost)
{
    public static LabelMonitoring From(ConfusionMatrix m, int windowSize, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fpCost = m.FalsePositives * options.CostPerFalsePositive;
        var fnCost = m.FalseNegatives * options.CostPerMissedFraud;
        return new LabelMonitoring(windowSize, m.Total, m.TruePositives, m.FalsePositives, m.TrueNegatives, m.FalseNegatives,
            m.Precision, m.Recall, m.FalsePositiveRate, m.AlertRate, fpCost, fnCost, fpCost + fnCost);
    }
}

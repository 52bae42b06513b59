using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Monitoring;

/// <summary>Model monitoring: window sizes, error costs and health thresholds. Section <c>Fraud:Monitoring</c>.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Fraud:Monitoring";

    /// <summary>How many of the most recent labels the accuracy figures cover. Default 5,000.</summary>
    [Range(10, 1_000_000)]
    public int LabelWindowSize { get; set; } = 5_000;

    /// <summary>Cost of one false positive (a good customer reviewed or declined), in US dollars. Default 5.</summary>
    [Range(0.0, 1e9)]
    public double CostPerFalsePositive { get; set; } = 5;

    /// <summary>Cost of one missed fraud (an approved fraudulent transaction), in US dollars. Default 150.</summary>
    [Range(0.0, 1e9)]
    public double CostPerMissedFraud { get; set; } = 150;

    /// <summary>How many of the most recent scored transactions the drift figures cover. Default 5,000.</summary>
    [Range(10, 1_000_000)]
    public int ScoredWindowSize { get; set; } = 5_000;

    /// <summary>Scored transactions needed in the window before drift is judged (PSI is noisy on few). Default 500.</summary>
    [Range(10, 1_000_000)]
    public int MinScoredForDrift { get; set; } = 500;

    /// <summary>PSI from which a distribution is worth watching. Default 0.1 (the usual rule of thumb).</summary>
    [Range(0.0, 10.0)]
    public double PsiWatchThreshold { get; set; } = 0.1;

    /// <summary>PSI from which the shift calls for action; readiness turns Degraded. Default 0.2.</summary>
    [Range(0.0, 10.0)]
    public double PsiActThreshold { get; set; } = 0.2;

    /// <summary>Seed of the simulated baseline traffic behind the reference distributions. Default 20260105.</summary>
    public int ReferenceSeed { get; set; } = 20260105;

    /// <summary>Transactions simulated for the reference (computed once at start, about a second). Default 50,000.</summary>
    [Range(1_000, 10_000_000)]
    public int ReferenceSampleSize { get; set; } = 50_000;

    /// <summary>How often the figures exported as metrics are recomputed from the shared windows. Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Readiness turns Degraded when realized precision falls below this. Default 0.2.</summary>
    [Range(0.0, 1.0)]
    public double MinPrecision { get; set; } = 0.2;

    /// <summary>Labels needed in the window before precision is judged (fewer say little). Default 200.</summary>
    [Range(1, 1_000_000)]
    public int MinLabelsForHealth { get; set; } = 200;
}

namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// Outcomes of labelled transactions. An alert is a <c>review</c> or <c>decline</c> decision; a positive is a
/// transaction labelled fraud. Ratios are null when their denominator is zero (undefined, not zero).
/// </summary>
public readonly record struct ConfusionMatrix(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Of the alerts, the share that were fraud.</summary>
    public double? Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Of the frauds, the share that raised an alert.</summary>
    public double? Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Of the legitimate transactions, the share that raised an alert.</summary>
    public double? FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>Share of transactions that raised an alert.</summary>
    public double? AlertRate => Ratio(TruePositives + FalsePositives, Total);

    public ConfusionMatrix Add(bool alert, bool fraud) => (alert, fraud) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (true, false) => this with { FalsePositives = FalsePositives + 1 },
        (false, false) => this with { TrueNegatives = TrueNegatives + 1 },
        (false, true) => this with { FalseNegatives = FalseNegatives + 1 },
    };

    private static double? Ratio(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;
}

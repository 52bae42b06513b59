namespace LlmReference.FraudService.Scoring;

/// <summary>
/// The explainable features a model scores. Built once per transaction by <see cref="FeatureBuilder"/>,
/// stored with the scored transaction so that labels and drift monitoring see exactly what the model saw.
/// </summary>
public sealed record TransactionFeatures(
    double AmountUsd,
    double TypicalAmountUsd,
    bool IsForeign,
    bool CardPresent,
    string MerchantCategory,
    double MerchantRisk,
    int HourOfDay,
    int RecentTransactions)
{
    /// <summary>Amount over the customer's (or the category's) typical amount.</summary>
    public double AmountRatio => TypicalAmountUsd > 0 ? AmountUsd / TypicalAmountUsd : 1;

    /// <summary>Local hours 00:00-05:59, when few legitimate purchases happen.</summary>
    public bool IsNight => HourOfDay < 6;
}

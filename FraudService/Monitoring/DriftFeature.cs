using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Monitoring;

/// <summary>A quantity whose distribution is watched for drift, and how it is binned.</summary>
/// <param name="Name">Reported name (<c>score</c>, <c>amountUsd</c>, ...).</param>
/// <param name="Select">Reads the value from a scored transaction's features and score.</param>
/// <param name="FixedEdges">Bin edges for discrete quantities; null to use the reference's deciles.</param>
public sealed record DriftFeature(string Name, Func<TransactionFeatures, double, double> Select, double[]? FixedEdges)
{
    /// <summary>
    /// The score and the main model inputs. Amount gets decile bins from the reference; the score log-spaced bins
    /// (scores pile up near zero, where deciles would collapse into ties); the rest have natural categories. Merchant mix is watched through the category's risk level. The hour of day is left out on
    /// purpose: a window shorter than a day always differs from a whole-day reference, so it would raise false alarms.
    /// </summary>
    public static readonly IReadOnlyList<DriftFeature> All =
    [
        new("score", static (_, score) => score, [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]),
        new("amountUsd", static (f, _) => f.AmountUsd, null),
        new("cardPresent", static (f, _) => f.CardPresent ? 1 : 0, [0.5]),
        new("isForeign", static (f, _) => f.IsForeign ? 1 : 0, [0.5]),
        new("merchantRisk", static (f, _) => f.MerchantRisk, [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.9, 1.1, 1.25]),
        new("recentTransactions", static (f, _) => f.RecentTransactions, [0.5, 1.5, 2.5]),
    ];
}

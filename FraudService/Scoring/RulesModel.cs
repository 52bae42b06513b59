using LlmReference.FraudService.Monitoring;

namespace LlmReference.FraudService.Scoring;

/// <summary>
/// The transparent first model (<c>rules-v1</c>): a hand-set logistic regression over six explainable features,
/// <c>score = 1 / (1 + e^-z)</c> with <c>z = Bias + Σ weight × feature</c>. Each term is a reason code, so the
/// explanation is exact. The weights are the model: changing one is a new <see cref="Version"/>.
/// </summary>
/// <remarks>
/// Calibration points: a home-country grocery purchase at a terminal by day scores about 0.007; a foreign,
/// online crypto purchase at 3 a.m. of ten times the usual amount after three quick transactions scores about 0.94.
/// </remarks>
public sealed class RulesModel : IFraudModel
{
    public const string ModelVersion = "rules-v1";

    /// <summary>Log-odds of fraud with every feature at zero: about 0.7 %, near real card-fraud prevalence.</summary>
    public const double Bias = -5.0;

    /// <summary>Per unit of ln(amount / typical), counted only above the typical amount (ten times typical adds 2.1).</summary>
    public const double AmountWeight = 0.9;

    /// <summary>Merchant country differs from the customer's home country.</summary>
    public const double ForeignWeight = 1.4;

    /// <summary>Card not present (online, phone): no chip or PIN.</summary>
    public const double CardNotPresentWeight = 0.8;

    /// <summary>Multiplies the category's risk (0 for grocery, 1.3 for crypto).</summary>
    public const double MerchantRiskWeight = 1.0;

    /// <summary>Local time 00:00-05:59.</summary>
    public const double NightWeight = 0.7;

    /// <summary>Per earlier transaction of the customer in the velocity window, counted up to <see cref="VelocityCap"/>.</summary>
    public const double VelocityWeight = 0.45;

    /// <summary>Beyond this many recent transactions velocity adds nothing more (keeps one feature from saturating the score alone).</summary>
    public const int VelocityCap = 10;

    /// <summary>
    /// Smallest contribution reported as a reason (a purchase 2 % above typical is not a reason anyone should read).
    /// It still counts in the score.
    /// </summary>
    public const double MinReasonContribution = 0.1;

    public string Version => ModelVersion;

    /// <summary>Review from 0.3, decline from 0.7: hand-set, like the weights.</summary>
    public ModelThresholds Thresholds { get; } = new(0.3, 0.7);

    /// <summary>None shipped: the monitoring simulates baseline traffic and scores it with this model.</summary>
    public ReferenceProfile? Reference => null;

    public FraudPrediction Predict(TransactionFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);

        var amount = Math.Max(0, Math.Log(Math.Max(features.AmountRatio, double.Epsilon)));
        var velocity = Math.Min(features.RecentTransactions, VelocityCap);

        Span<(double Contribution, int Index)> terms =
        [
            (AmountWeight * amount, 0),
            (features.IsForeign ? ForeignWeight : 0, 1),
            (features.CardPresent ? 0 : CardNotPresentWeight, 2),
            (MerchantRiskWeight * features.MerchantRisk, 3),
            (features.IsNight ? NightWeight : 0, 4),
            (VelocityWeight * velocity, 5),
        ];

        var z = Bias;
        var positive = 0;
        foreach (var term in terms)
        {
            z += term.Contribution;
            if (term.Contribution >= MinReasonContribution)
            {
                positive++;
            }
        }

        var reasons = new ReasonCode[positive];
        var next = 0;
        foreach (var term in terms)
        {
            if (term.Contribution >= MinReasonContribution)
            {
                reasons[next++] = Reason(term.Index, term.Contribution, features);
            }
        }

        Array.Sort(reasons, static (a, b) => b.Contribution.CompareTo(a.Contribution));
        return new FraudPrediction(1 / (1 + Math.Exp(-z)), reasons);
    }

    private static ReasonCode Reason(int index, double contribution, TransactionFeatures f) => index switch
    {
        0 => new("amount_unusual", "amountRatio", f.AmountRatio, contribution, "Amount is well above the customer's typical amount."),
        1 => new("foreign_country", "isForeign", 1, contribution, "Merchant country differs from the customer's home country."),
        2 => new("card_not_present", "cardPresent", 0, contribution, "Card not present (online or phone order)."),
        3 => new("risky_merchant", "merchantRisk", f.MerchantRisk, contribution, "Merchant category is often used to cash out stolen cards."),
        4 => new("night_time", "hourOfDay", f.HourOfDay, contribution, "Made at night (00:00-05:59 local time)."),
        5 => new("high_velocity", "recentTransactions", f.RecentTransactions, contribution, "Several transactions by this customer in the last few minutes."),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Training;

/// <summary>
/// The numeric feature vector the trained model sees, built from <see cref="TransactionFeatures"/>, and how each slot
/// reads as a reason code. Amounts enter as logarithms (heavy tails); the merchant category through its risk and
/// typical ticket.
/// </summary>
public static class ModelFeatures
{
    public const int Count = 9;

    /// <summary>Slot names, in vector order (also in the model card).</summary>
    public static readonly string[] Names =
    [
        "logAmountUsd", "logAmountRatio", "isForeign", "cardNotPresent", "merchantRisk", "hourOfDay", "isNight", "recentTransactions", "logCategoryTypicalUsd",
    ];

    private static readonly (string Code, string Feature, string Description)[] Reasons =
    [
        ("amount_large", "amountUsd", "The amount is large."),
        ("amount_unusual", "amountRatio", "Amount is well above the customer's typical amount."),
        ("foreign_country", "isForeign", "Merchant country differs from the customer's home country."),
        ("card_not_present", "cardPresent", "Card not present (online or phone order)."),
        ("risky_merchant", "merchantRisk", "Merchant category is often used to cash out stolen cards."),
        ("time_of_day", "hourOfDay", "Unusual time of day for a purchase."),
        ("night_time", "hourOfDay", "Made at night (00:00-05:59 local time)."),
        ("high_velocity", "recentTransactions", "Several transactions by this customer in the last few minutes."),
        ("merchant_category", "merchantCategory", "The merchant category raises the risk."),
    ];

    public static void Fill(TransactionFeatures f, Span<float> vector)
    {
        ArgumentNullException.ThrowIfNull(f);
        vector[0] = (float)Math.Log(1 + f.AmountUsd);
        vector[1] = (float)Math.Log(Math.Max(f.AmountRatio, 1e-6));
        vector[2] = f.IsForeign ? 1 : 0;
        vector[3] = f.CardPresent ? 0 : 1;
        vector[4] = (float)f.MerchantRisk;
        vector[5] = f.HourOfDay;
        vector[6] = f.IsNight ? 1 : 0;
        vector[7] = f.RecentTransactions;
        vector[8] = (float)Math.Log(MerchantCategories.All.TryGetValue(f.MerchantCategory, out var c) ? c.TypicalAmountUsd : 1);
    }

    public static float[] ToVector(TransactionFeatures f)
    {
        var vector = new float[Count];
        Fill(f, vector);
        return vector;
    }

    /// <summary>Whether slot <paramref name="slot"/> is in the state its reason describes (binary and count features).</summary>
    public static bool IsRisky(int slot, TransactionFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return slot switch
        {
            1 => f.AmountRatio > 1,
            2 => f.IsForeign,
            3 => !f.CardPresent,
            6 => f.IsNight,
            7 => f.RecentTransactions >= 2,
            _ => true,
        };
    }

    /// <summary>The reason code for slot <paramref name="slot"/>, with the human-scale value of the feature.</summary>
    public static ReasonCode Reason(int slot, double contribution, TransactionFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (code, feature, description) = Reasons[slot];
        double value = slot switch
        {
            0 => f.AmountUsd,
            1 => f.AmountRatio,
            2 => f.IsForeign ? 1 : 0,
            3 => f.CardPresent ? 1 : 0,
            4 => f.MerchantRisk,
            5 or 6 => f.HourOfDay,
            7 => f.RecentTransactions,
            _ => f.MerchantRisk,
        };
        return new ReasonCode(code, feature, value, contribution, description);
    }
}

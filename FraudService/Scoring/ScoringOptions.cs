using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Scoring;

/// <summary>How scores become decisions, and the feature windows. Section <c>Fraud:Scoring</c>.</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Fraud:Scoring";

    /// <summary>
    /// Scores at or above this are sent to <c>review</c>. Default: the model's own (the trained model's card, chosen on
    /// held-out data for a target false-positive rate; 0.3 for <c>rules-v1</c>). Set it to override.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? ReviewThreshold { get; set; }

    /// <summary>
    /// Scores at or above this are <c>decline</c>d; must not be below the review threshold. Default: the model's own
    /// (0.7 for <c>rules-v1</c>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double? DeclineThreshold { get; set; }

    /// <summary>How many reason codes a response carries, largest contribution first. Default 3.</summary>
    [Range(0, 10)]
    public int MaxReasons { get; set; } = 3;

    /// <summary>Window for the velocity feature (the customer's transactions just before this one). Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan VelocityWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Transactions a customer needs before their own average replaces the category's typical amount. Default 3.</summary>
    [Range(1, 1000)]
    public int MinHistoryForTypicalAmount { get; set; } = 3;

    /// <summary>The thresholds in force for <paramref name="model"/>: configured ones where set, the model's otherwise.</summary>
    public ModelThresholds ThresholdsFor(IFraudModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var thresholds = new ModelThresholds(ReviewThreshold ?? model.Thresholds.Review, DeclineThreshold ?? model.Thresholds.Decline);
        return thresholds.Decline >= thresholds.Review
            ? thresholds
            : throw new InvalidOperationException($"The decline threshold ({thresholds.Decline}) is below the review threshold ({thresholds.Review}) for model {model.Version}.");
    }
}

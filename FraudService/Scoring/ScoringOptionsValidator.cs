using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Scoring;

/// <summary>
/// Checks the thresholds in force — configured ones over the serving model's — at start, so that a review threshold
/// above the decline threshold stops the service instead of surfacing on the first request.
/// </summary>
public sealed class ScoringOptionsValidator(IFraudModel model) : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var review = options.ReviewThreshold ?? model.Thresholds.Review;
        var decline = options.DeclineThreshold ?? model.Thresholds.Decline;
        return decline >= review
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Fraud:Scoring:ReviewThreshold ({review}) must not exceed Fraud:Scoring:DeclineThreshold ({decline}) for model {model.Version}.");
    }
}

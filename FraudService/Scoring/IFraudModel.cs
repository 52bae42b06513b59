using LlmReference.FraudService.Monitoring;

namespace LlmReference.FraudService.Scoring;

/// <summary>
/// A fraud model: features in, probability and reasons out. Implementations must be thread-safe and cheap to call;
/// one instance serves every request. Decisions (thresholds) are applied outside the model.
/// </summary>
public interface IFraudModel
{
    /// <summary>Reported in every response, stored record and metric (<c>fraud.model.version</c>).</summary>
    string Version { get; }

    /// <summary>The model's own review and decline thresholds (configuration may override them).</summary>
    ModelThresholds Thresholds { get; }

    /// <summary>Expected distributions of score and features for drift monitoring, or null to simulate them (see <c>ReferenceProfile</c>).</summary>
    ReferenceProfile? Reference { get; }

    FraudPrediction Predict(TransactionFeatures features);
}

/// <summary>A model's output.</summary>
/// <param name="Score">Probability of fraud, 0..1.</param>
/// <param name="Reasons">Features that raised the score noticeably, largest contribution first.</param>
public sealed record FraudPrediction(double Score, IReadOnlyList<ReasonCode> Reasons);

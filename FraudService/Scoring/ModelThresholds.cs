namespace LlmReference.FraudService.Scoring;

/// <summary>Score thresholds: at or above <see cref="Review"/> a transaction is reviewed, at or above <see cref="Decline"/> declined.</summary>
public sealed record ModelThresholds(double Review, double Decline)
{
    public Decision Decide(double score) =>
        score >= Decline ? Decision.Decline
        : score >= Review ? Decision.Review
        : Decision.Approve;
}

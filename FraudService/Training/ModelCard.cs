using LlmReference.FraudService.Monitoring;

namespace LlmReference.FraudService.Training;

/// <summary>
/// What a trained model is, how it was made and how good it is: written by the training command next to the model
/// (<c>Model/model-card.json</c>), read by the service at start for the version, thresholds and reference distributions.
/// </summary>
public sealed record ModelCard(
    string ModelVersion,
    string Trainer,
    string Command,
    int Seed,
    int Customers,
    int TrainCount,
    int TestCount,
    double TrainPrevalence,
    double TestPrevalence,
    IReadOnlyList<string> Features,
    double RocAuc,
    double PrAuc,
    double TargetReviewFalsePositiveRate,
    double TargetDeclineFalsePositiveRate,
    OperatingPoint Review,
    OperatingPoint Decline,
    ReferenceProfile Reference);

/// <summary>A threshold and what it achieved on the held-out data (against its noisy labels).</summary>
public sealed record OperatingPoint(double Threshold, double Precision, double Recall, double FalsePositiveRate, double AlertRate);

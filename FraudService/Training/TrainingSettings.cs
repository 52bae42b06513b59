namespace LlmReference.FraudService.Training;

/// <summary>Settings of one training run (the training command's arguments).</summary>
public sealed record TrainingSettings(
    int Seed = 42,
    int Transactions = 200_000,
    int Customers = 5_000,
    string ModelVersion = FraudModelTrainer.DefaultVersion,
    double TargetReviewFalsePositiveRate = 0.02,
    double TargetDeclineFalsePositiveRate = 0.005,
    int Trees = 100,
    int Leaves = 20);

using LlmReference.FraudService.Training;

namespace LlmReference.FraudService.Tests.Training;

public sealed class TrainingTests
{
    // Small enough to train in a couple of seconds, big enough for stable metrics.
    private static readonly TrainingSettings Small = new(Seed: 5, Transactions: 30_000, Customers: 1_500, Trees: 40);

    [Fact]
    public void SameSeedGivesTheSameModelAndMetrics()
    {
        var a = FraudModelTrainer.Train(Small).Card;
        var b = FraudModelTrainer.Train(Small).Card;

        Assert.Equal(a.RocAuc, b.RocAuc, 9);
        Assert.Equal(a.PrAuc, b.PrAuc, 9);
        Assert.Equal(a.Decline, b.Decline);
        Assert.Equal(a.Review, b.Review);
        Assert.Equal(a.TrainCount, b.TrainCount);
        Assert.InRange(a.RocAuc, 0.9, 1);
    }

    [Fact]
    public void ThresholdsMeetTheTargetFalsePositiveRatesOnTheHeldOutData()
    {
        var card = FraudModelTrainer.Train(Small with { Seed = 6 }).Card;

        Assert.InRange(card.Decline.FalsePositiveRate, 0, card.TargetDeclineFalsePositiveRate);
        Assert.InRange(card.Review.FalsePositiveRate, 0, card.TargetReviewFalsePositiveRate);
        Assert.True(card.Decline.Threshold >= card.Review.Threshold);
        Assert.True(card.Review.Recall >= card.Decline.Recall);
    }

    [Fact]
    public void ThresholdIsTheLowestThatKeepsTheFalsePositiveRateWithinTarget()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.95];
        bool[] labels = [false, false, false, false, false, false, false, false, false, false, true];

        var threshold = FraudModelTrainer.Threshold(scores, labels, targetFalsePositiveRate: 0.2);

        // Two of ten legitimate scores (0.9 and 1.0) may be flagged: the threshold sits just above 0.8.
        Assert.True(threshold > 0.8 && threshold < 0.9, $"threshold {threshold}");
        var point = FraudModelTrainer.OperatingPointAt(threshold, scores, labels);
        Assert.Equal(0.2, point.FalsePositiveRate, 9);
        Assert.Equal(1, point.Recall);
    }

    [Fact]
    public void SavedModelLoadsAndScoresLikeTheTrainedOne()
    {
        var result = FraudModelTrainer.Train(Small with { Trees = 10, ModelVersion = "test-v1" });
        var directory = Directory.CreateTempSubdirectory("fraud-model-").FullName;
        try
        {
            TrainingCommand.Save(result, directory);
            var loaded = TrainedModel.Load(directory, "test-v1");
            var inMemory = new TrainedModel(result.Model, result.InputSchema, result.Card);
            var features = new LlmReference.FraudService.Scoring.TransactionFeatures(900, 60, true, false, "electronics", 0.6, 2, 1);

            Assert.Equal(inMemory.Predict(features).Score, loaded.Predict(features).Score, 6);
            Assert.Equal("test-v1", loaded.Version);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheShippedModelCardIsReproducedByItsTrainingSettings()
    {
        var shipped = TrainedModel.Load(Path.Combine(AppContext.BaseDirectory, "Model"), FraudModelTrainer.DefaultVersion).Card;

        var retrained = FraudModelTrainer.Train(new TrainingSettings(
            Seed: shipped.Seed, Transactions: shipped.TrainCount + shipped.TestCount, Customers: shipped.Customers, ModelVersion: shipped.ModelVersion,
            TargetReviewFalsePositiveRate: shipped.TargetReviewFalsePositiveRate, TargetDeclineFalsePositiveRate: shipped.TargetDeclineFalsePositiveRate)).Card;

        Assert.Equal(shipped.RocAuc, retrained.RocAuc, 6);
        Assert.Equal(shipped.PrAuc, retrained.PrAuc, 6);
        Assert.Equal(shipped.Review.Threshold, retrained.Review.Threshold, 9);
        Assert.Equal(shipped.Decline.Threshold, retrained.Decline.Threshold, 9);
        Assert.Equal(shipped.TestPrevalence, retrained.TestPrevalence);
    }
}

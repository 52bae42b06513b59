using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Tests.Scoring;

public sealed class ScoringOptionsTests
{
    [Theory]
    [InlineData(0.0, Decision.Approve)]
    [InlineData(0.299, Decision.Approve)]
    [InlineData(0.3, Decision.Review)]
    [InlineData(0.699, Decision.Review)]
    [InlineData(0.7, Decision.Decline)]
    [InlineData(1.0, Decision.Decline)]
    public void ThresholdsSplitScoresIntoDecisions(double score, Decision expected) =>
        Assert.Equal(expected, new ModelThresholds(0.3, 0.7).Decide(score));

    [Fact]
    public void ModelThresholdsApplyUnlessConfigured()
    {
        var model = new RulesModel();

        Assert.Equal(model.Thresholds, new ScoringOptions().ThresholdsFor(model));
        Assert.Equal(new ModelThresholds(0.3, 0.9), new ScoringOptions { DeclineThreshold = 0.9 }.ThresholdsFor(model));
        Assert.Equal(new ModelThresholds(0.1, 0.2), new ScoringOptions { ReviewThreshold = 0.1, DeclineThreshold = 0.2 }.ThresholdsFor(model));
    }

    [Fact]
    public void AConfiguredReviewThresholdAboveTheModelsDeclineIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new ScoringOptions { ReviewThreshold = 0.8 }.ThresholdsFor(new RulesModel()));

    [Fact]
    public void DecisionWireNamesAreLowerCase() =>
        Assert.Equal(["approve", "review", "decline"], Enum.GetValues<Decision>().Select(d => d.ToWireName()));
}

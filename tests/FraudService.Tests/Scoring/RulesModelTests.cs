using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Tests.Scoring;

public sealed class RulesModelTests
{
    private readonly RulesModel _model = new();

    private static TransactionFeatures Typical() => new(
        AmountUsd: 45, TypicalAmountUsd: 45, IsForeign: false, CardPresent: true,
        MerchantCategory: "grocery", MerchantRisk: 0, HourOfDay: 14, RecentTransactions: 0);

    [Fact]
    public void TypicalHomePurchaseAtTerminalScoresLowWithNoReasons()
    {
        var prediction = _model.Predict(Typical());

        Assert.InRange(prediction.Score, 0, 0.01);
        Assert.Empty(prediction.Reasons);
    }

    [Fact]
    public void KnownFraudPatternScoresAboveDefaultDeclineThreshold()
    {
        var fraud = Typical() with
        {
            AmountUsd = 2500, TypicalAmountUsd = 250, IsForeign = true, CardPresent = false,
            MerchantCategory = "crypto", MerchantRisk = 1.3, HourOfDay = 3, RecentTransactions = 3,
        };

        var prediction = _model.Predict(fraud);

        Assert.True(prediction.Score > _model.Thresholds.Decline, $"score {prediction.Score}");
    }

    public static TheoryData<string, TransactionFeatures> SingleRiskFactors => new()
    {
        { "amount_unusual", Typical() with { AmountUsd = 450 } },
        { "foreign_country", Typical() with { IsForeign = true } },
        { "card_not_present", Typical() with { CardPresent = false } },
        { "risky_merchant", Typical() with { MerchantCategory = "gambling", MerchantRisk = 1.2 } },
        { "night_time", Typical() with { HourOfDay = 2 } },
        { "high_velocity", Typical() with { RecentTransactions = 4 } },
    };

    [Theory]
    [MemberData(nameof(SingleRiskFactors))]
    public void EachRiskFactorRaisesTheScoreAndIsTheOnlyReason(string expectedCode, TransactionFeatures features)
    {
        var baseline = _model.Predict(Typical()).Score;

        var prediction = _model.Predict(features);

        Assert.True(prediction.Score > baseline, $"{expectedCode}: {prediction.Score} <= {baseline}");
        var reason = Assert.Single(prediction.Reasons);
        Assert.Equal(expectedCode, reason.Code);
    }

    [Fact]
    public void ScoreIsTheLogisticOfBiasPlusReasonContributions()
    {
        var features = Typical() with { AmountUsd = 900, IsForeign = true, HourOfDay = 1, RecentTransactions = 2 };

        var prediction = _model.Predict(features);

        var z = RulesModel.Bias + prediction.Reasons.Sum(r => r.Contribution);
        Assert.Equal(1 / (1 + Math.Exp(-z)), prediction.Score, 12);
    }

    [Fact]
    public void ReasonsAreOrderedByContributionLargestFirst()
    {
        var features = Typical() with
        {
            AmountUsd = 4500, IsForeign = true, CardPresent = false, MerchantCategory = "crypto", MerchantRisk = 1.3, HourOfDay = 4, RecentTransactions = 1,
        };

        var prediction = _model.Predict(features);

        Assert.Equal(6, prediction.Reasons.Count);
        Assert.Equal("amount_unusual", prediction.Reasons[0].Code); // ln(100) × 0.9 ≈ 4.1, the largest term
        Assert.Equal(prediction.Reasons.OrderByDescending(r => r.Contribution).Select(r => r.Code), prediction.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void AmountBelowTypicalDoesNotLowerTheScore()
    {
        var small = _model.Predict(Typical() with { AmountUsd = 5 });

        Assert.Equal(_model.Predict(Typical()).Score, small.Score, 12);
    }

    [Fact]
    public void ScoreGrowsWithAmountAndVelocityUpToTheCap()
    {
        var scores = new[] { 45, 90, 450, 4500 }.Select(a => _model.Predict(Typical() with { AmountUsd = a }).Score).ToArray();
        Assert.Equal(scores.Order(), scores);
        Assert.Equal(scores.Length, scores.Distinct().Count());

        var atCap = _model.Predict(Typical() with { RecentTransactions = RulesModel.VelocityCap }).Score;
        var beyondCap = _model.Predict(Typical() with { RecentTransactions = RulesModel.VelocityCap * 5 }).Score;
        Assert.True(atCap > _model.Predict(Typical() with { RecentTransactions = 1 }).Score);
        Assert.Equal(atCap, beyondCap, 12);
    }

    [Fact]
    public void ReportsItsVersion() => Assert.Equal("rules-v1", _model.Version);
}

using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Tests.Infrastructure;
using LlmReference.FraudService.Training;

namespace LlmReference.FraudService.Tests.Training;

/// <summary>The shipped model (FraudService/Model) against its model card and known fraud patterns.</summary>
public sealed class TrainedModelTests
{
    private static readonly Lazy<TrainedModel> Shipped = new(() =>
        TrainedModel.Load(Path.Combine(AppContext.BaseDirectory, "Model"), FraudModelTrainer.DefaultVersion));

    private static TrainedModel Model => Shipped.Value;

    private static TransactionFeatures Typical() => new(
        AmountUsd: 45, TypicalAmountUsd: 45, IsForeign: false, CardPresent: true,
        MerchantCategory: "grocery", MerchantRisk: 0, HourOfDay: 14, RecentTransactions: 0);

    [Fact]
    public void ReportsTheVersionAndThresholdsOfItsCard()
    {
        Assert.Equal("fasttree-v1", Model.Version);
        Assert.Equal(Model.Card.Review.Threshold, Model.Thresholds.Review);
        Assert.Equal(Model.Card.Decline.Threshold, Model.Thresholds.Decline);
        Assert.True(Model.Thresholds.Decline >= Model.Thresholds.Review);
        Assert.NotNull(Model.Reference);
    }

    [Fact]
    public void MeetsItsModelCardOnAFreshHeldOutSample()
    {
        // A different seed: new customers, new transactions, same world.
        var traffic = new TransactionSimulator(seed: 4242, customers: 5_000).Generate(60_000, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(20));
        var scored = FeatureReplay.Replay(traffic, new ScoringOptions()).Skip(20_000)
            .Select(r => (r.Simulated.Label, Model.Predict(r.Features).Score)).ToList();

        var auc = Ranking.RocAuc(scored);
        Assert.InRange(auc, Model.Card.RocAuc - 0.03, 1);

        var point = FraudModelTrainer.OperatingPointAt(Model.Thresholds.Decline, [.. scored.Select(s => s.Score)], [.. scored.Select(s => s.Label)]);
        Assert.InRange(point.FalsePositiveRate, 0, Model.Card.TargetDeclineFalsePositiveRate * 2);
        Assert.InRange(point.Recall, Model.Card.Decline.Recall - 0.1, 1);
    }

    [Fact]
    public void ReasonsNameEachFeatureOnce()
    {
        // Both hourOfDay slots (the hour and "is night") credit a night purchase; the answer must name the hour once.
        var traffic = new TransactionSimulator(seed: 99, customers: 500).Generate(6_000, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(5), TrafficProfile.Drifted);
        var predictions = FeatureReplay.Replay(traffic, new ScoringOptions())
            .Select(r => (r.Features, Model.Predict(r.Features).Reasons)).ToList();

        Assert.All(predictions, p => Assert.Equal(p.Reasons.Count, p.Reasons.Select(r => r.Feature).Distinct().Count()));
        var night = predictions.Where(p => p.Features.IsNight && p.Reasons.Any(r => r.Feature == "hourOfDay")).ToList();
        Assert.NotEmpty(night);
        Assert.All(night, p => Assert.Single(p.Reasons, r => r.Feature == "hourOfDay"));
    }

    [Fact]
    public void TypicalPurchaseIsApprovedAndKnownFraudPatternsAreDeclined()
    {
        var thresholds = Model.Thresholds;
        var cashOut = Typical() with
        {
            AmountUsd = 3_000, IsForeign = true, CardPresent = false, MerchantCategory = "electronics", MerchantRisk = 0.6, HourOfDay = 3,
        };
        var cardTesting = Typical() with
        {
            AmountUsd = 4, IsForeign = true, CardPresent = false, MerchantCategory = "digital_goods", MerchantRisk = 0.7, RecentTransactions = 4,
        };
        var skimming = Typical() with { AmountUsd = 400, IsForeign = true, MerchantCategory = "fuel", MerchantRisk = 0.1 };

        Assert.Equal(Decision.Approve, thresholds.Decide(Model.Predict(Typical()).Score));
        Assert.Equal(Decision.Decline, thresholds.Decide(Model.Predict(cashOut).Score));
        Assert.Equal(Decision.Decline, thresholds.Decide(Model.Predict(cardTesting).Score));
        Assert.NotEqual(Decision.Approve, thresholds.Decide(Model.Predict(skimming).Score));
    }

    [Fact]
    public void ReasonCodesNameTheDrivingFeatures()
    {
        var cardTesting = Typical() with
        {
            AmountUsd = 4, IsForeign = true, CardPresent = false, MerchantCategory = "digital_goods", MerchantRisk = 0.7, RecentTransactions = 4,
        };

        var reasons = Model.Predict(cardTesting).Reasons;

        Assert.NotEmpty(reasons);
        Assert.Contains(reasons.Take(3), r => r.Code is "high_velocity" or "foreign_country" or "card_not_present");
        Assert.Equal(reasons.OrderByDescending(r => r.Contribution).Select(r => r.Code), reasons.Select(r => r.Code));
        Assert.All(reasons, r => Assert.True(r.Contribution >= TrainedModel.MinReasonContribution));
    }

    [Fact]
    public void ReasonsAreOnlyNamedWhenTheTransactionIsInTheRiskyState()
    {
        // A large night-time online purchase, but at home and the customer's first in a while (and once in person):
        // the trees may credit those benign states, the reasons must not claim them.
        var quiet = Typical() with { AmountUsd = 3_000, HourOfDay = 3, CardPresent = false, MerchantCategory = "electronics", MerchantRisk = 0.6 };
        var present = quiet with { CardPresent = true };

        foreach (var features in new[] { quiet, present })
        {
            var codes = Model.Predict(features).Reasons.Select(r => r.Code).ToList();
            Assert.DoesNotContain("high_velocity", codes);
            Assert.DoesNotContain("foreign_country", codes);
        }

        Assert.DoesNotContain("card_not_present", Model.Predict(present).Reasons.Select(r => r.Code));
    }

    [Fact]
    public void ConcurrentScoringGivesTheSameResultsAsSequential()
    {
        var features = FeatureReplay.Replay(new TransactionSimulator(seed: 9, customers: 500).Generate(4_000, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(7)), new ScoringOptions())
            .Select(r => r.Features).ToArray();
        var sequential = features.Select(f => Model.Predict(f)).ToArray();

        var parallel = new FraudPrediction[features.Length];
        Parallel.For(0, features.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Model.Predict(features[i]));

        for (var i = 0; i < features.Length; i++)
        {
            Assert.Equal(sequential[i].Score, parallel[i].Score);
            Assert.Equal(sequential[i].Reasons.Select(r => r.Code), parallel[i].Reasons.Select(r => r.Code));
        }
    }

    [Fact]
    public void FreshTrafficStaysCloseToTheCardsReferenceAndDriftedTrafficDoesNot()
    {
        var simulator = new TransactionSimulator(seed: 515, customers: 5_000);
        var start = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var baseline = simulator.Generate(40_000, start, TimeSpan.FromDays(14));
        var drifted = simulator.Generate(5_000, start.AddDays(14), TimeSpan.FromDays(2), TrafficProfile.Drifted);
        var replayed = FeatureReplay.Replay([.. baseline, .. drifted], new ScoringOptions()).ToList();

        var same = MaxPsi(replayed.Skip(30_000).Take(5_000));
        var shifted = MaxPsi(replayed.Skip(baseline.Count));

        Assert.True(same.Psi < 0.1, $"baseline {same}");
        Assert.True(shifted.Psi > 0.2, $"drifted {shifted}");
    }

    private static (string Feature, double Psi) MaxPsi(IEnumerable<(SimulatedTransaction Simulated, TransactionFeatures Features)> rows)
    {
        var scored = rows.Select(r => (r.Features, Model.Predict(r.Features).Score)).ToList();
        return LlmReference.FraudService.Monitoring.DriftFeature.All
            .Select(d =>
            {
                var reference = Model.Reference!.Features[d.Name];
                return (d.Name, reference.Psi(reference.Count(scored.Select(s => d.Select(s.Features, s.Score)))));
            })
            .MaxBy(p => p.Item2);
    }
}

using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;

namespace LlmReference.FraudService.Tests.Monitoring;

public sealed class PsiTests
{
    private static readonly ReferenceProfile Reference = ReferenceProfile.Simulate(new RulesModel(), new ScoringOptions(), seed: 1, sampleSize: 50_000);

    [Fact]
    public void PsiMatchesAHandComputedValue()
    {
        var expected = new BinnedDistribution([0.5], [0.5, 0.5]);

        // (0.3 - 0.5) ln(0.3 / 0.5) + (0.7 - 0.5) ln(0.7 / 0.5)
        var hand = (-0.2 * Math.Log(0.6)) + (0.2 * Math.Log(1.4));
        Assert.Equal(hand, expected.Psi([30, 70]), 12);
        Assert.Equal(0, expected.Psi([50, 50]), 12);
    }

    [Fact]
    public void EmptyBinsAreSmoothedSoPsiStaysFinite()
    {
        var expected = new BinnedDistribution([1, 2], [0.5, 0.5, 0]);

        var psi = expected.Psi([0, 10, 10]);

        Assert.True(double.IsFinite(psi) && psi > 1, $"psi {psi}");
    }

    [Fact]
    public void ValuesOnAnEdgeFallInTheUpperBin()
    {
        var d = new BinnedDistribution([4, 8], [0.3, 0.3, 0.4]);

        Assert.Equal([0, 1, 1, 2], new[] { 3.9, 4, 7.9, 8 }.Select(d.BinOf));
    }

    [Fact]
    public void ContinuousReferencesUseDecileBins()
    {
        var amount = Reference.Features["amountUsd"];

        Assert.Equal(10, amount.Proportions.Length);
        Assert.All(amount.Proportions, p => Assert.InRange(p, 0.08, 0.12));
        Assert.Equal(1, amount.Proportions.Sum(), 9);
    }

    [Fact]
    public void TrafficFromTheSameDistributionStaysUnderTheWatchThreshold()
    {
        var psi = PsiOf(new TransactionSimulator(seed: 2).Generate(50_000, ReferenceProfile.ReferenceStart, ReferenceProfile.ReferenceSpan).TakeLast(5_000));

        Assert.All(psi, p => Assert.True(p.Value < 0.1, $"{p.Key}: {p.Value}"));
    }

    [Fact]
    public void DriftedTrafficCrossesTheActThreshold()
    {
        var simulator = new TransactionSimulator(seed: 3);
        var warmUp = simulator.Generate(45_000, ReferenceProfile.ReferenceStart, ReferenceProfile.ReferenceSpan);
        var drifted = simulator.Generate(5_000, ReferenceProfile.ReferenceStart + ReferenceProfile.ReferenceSpan, TimeSpan.FromDays(2), TrafficProfile.Drifted);

        var psi = PsiOf([.. warmUp, .. drifted], skip: warmUp.Count);

        Assert.True(psi["amountUsd"] > 0.2, $"amountUsd {psi["amountUsd"]}");
        Assert.True(psi.Values.Max() > 0.2);
    }

    // Replays the whole stream (so customers have history, as in the reference) and measures the tail.
    private static Dictionary<string, double> PsiOf(IEnumerable<SimulatedTransaction> traffic, int skip = 0)
    {
        var model = new RulesModel();
        var list = traffic.ToList();
        var scored = FeatureReplay.Replay(list, new ScoringOptions()).Skip(skip).Select(r => (r.Features, model.Predict(r.Features).Score)).ToList();
        return DriftFeature.All.ToDictionary(d => d.Name, d =>
        {
            var reference = Reference.Features[d.Name];
            return reference.Psi(reference.Count(scored.Select(s => d.Select(s.Features, s.Score))));
        });
    }
}

using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Simulation;

public sealed class TransactionSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(14);

    private static IReadOnlyList<SimulatedTransaction> Generate(int seed, int count, TrafficProfile profile = TrafficProfile.Baseline) =>
        new TransactionSimulator(seed).Generate(count, Start, Span, profile);

    [Fact]
    public void SameSeedGivesTheSameData()
    {
        Assert.Equal(Generate(7, 5_000), Generate(7, 5_000));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentData()
    {
        var a = Generate(7, 1_000).Select(t => t.Transaction.Amount);
        var b = Generate(8, 1_000).Select(t => t.Transaction.Amount);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void SuccessiveCallsContinueTheStreamDeterministically()
    {
        var one = new TransactionSimulator(3);
        var two = new TransactionSimulator(3);
        one.Generate(100, Start, Span);
        two.Generate(100, Start, Span);

        Assert.Equal(one.Generate(100, Start, Span), two.Generate(100, Start, Span));
    }

    [Fact]
    public void FraudPrevalenceIsBetweenOneAndTwoPercentWithNoisyLabels()
    {
        var data = Generate(11, 60_000);

        var prevalence = data.Count(t => t.IsFraud) / (double)data.Count;
        Assert.InRange(prevalence, 0.01, 0.02);
        Assert.Equal(["card_testing", "cash_out", "legit", "skimming"], data.Select(t => t.Pattern).Distinct().Order(StringComparer.Ordinal));

        var missed = data.Count(t => t.IsFraud && !t.Label) / (double)data.Count(t => t.IsFraud);
        Assert.InRange(missed, 0.005, 0.08);
        Assert.Contains(data, t => !t.IsFraud && t.Label);
    }

    [Fact]
    public void EveryTransactionIsValidInTimeOrderAndWithinTheSpan()
    {
        var data = Generate(5, 20_000);
        var now = Start + Span;

        Assert.Equal(20_000, data.Count);
        Assert.All(data, t =>
        {
            var request = new ScoreRequest(t.Transaction.TransactionId, t.Transaction.Amount, t.Transaction.Currency, t.Transaction.MerchantCategory,
                t.Transaction.Country, t.Transaction.CardPresent, t.Transaction.Timestamp, t.Transaction.CustomerId);
            Assert.True(TransactionValidator.TryValidate(request, new TransactionValidationOptions(), now, out _, out var errors), string.Join("; ", errors.Keys));
            Assert.InRange(t.Transaction.Timestamp, Start, now);
        });
        Assert.Equal(data.Select(t => t.Transaction.Timestamp).Order(), data.Select(t => t.Transaction.Timestamp));
        Assert.Equal(data.Count, data.Select(t => t.Transaction.TransactionId).Distinct().Count());
    }

    [Fact]
    public void AmountsAreHeavyTailed()
    {
        var usd = Generate(9, 20_000).Where(t => !t.IsFraud).Select(t => Currencies.ToUsd(t.Transaction.Amount, t.Transaction.Currency)).Order().ToArray();

        var median = usd[usd.Length / 2];
        var p999 = usd[(int)(usd.Length * 0.999)];
        Assert.True(p999 > 15 * median, $"median {median}, p99.9 {p999}");
    }

    [Fact]
    public void DriftedTrafficIsInflatedMovesOnlineAndCarriesANewPattern()
    {
        var baseline = Generate(21, 30_000);
        var drifted = Generate(21, 30_000, TrafficProfile.Drifted);

        static double MedianUsd(IEnumerable<SimulatedTransaction> d)
        {
            var a = d.Where(t => !t.IsFraud).Select(t => Currencies.ToUsd(t.Transaction.Amount, t.Transaction.Currency)).Order().ToArray();
            return a[a.Length / 2];
        }

        static double Share(IEnumerable<SimulatedTransaction> d, string category) =>
            d.Count(t => t.Transaction.MerchantCategory == category) / (double)d.Count();

        Assert.InRange(MedianUsd(drifted) / MedianUsd(baseline), 1.5, 2.0);
        Assert.True(Share(drifted, "online_marketplace") > 1.5 * Share(baseline, "online_marketplace"));
        Assert.Contains(drifted, t => t.Pattern == "domestic_takeover");
        Assert.DoesNotContain(baseline, t => t.Pattern == "domestic_takeover");
        Assert.True(drifted.Count(t => t.IsFraud) > 1.5 * baseline.Count(t => t.IsFraud));
    }

    [Fact]
    public void CardTestingArrivesInBurstsThatTheVelocityFeatureSees()
    {
        var replayed = FeatureReplay.Replay(Generate(13, 40_000), new ScoringOptions()).ToList();

        var testing = replayed.Where(r => r.Simulated.Pattern == "card_testing").ToList();
        var legit = replayed.Where(r => !r.Simulated.IsFraud).ToList();
        Assert.True(testing.Average(r => r.Features.RecentTransactions) > 1.5);
        Assert.True(legit.Average(r => r.Features.RecentTransactions) < 0.1);
    }

    [Fact]
    public void TheRulesModelSeparatesSimulatedFraudFromLegitimateTraffic()
    {
        var model = new RulesModel();
        var scored = FeatureReplay.Replay(Generate(17, 40_000), new ScoringOptions())
            .Select(r => (r.Simulated.IsFraud, model.Predict(r.Features).Score)).ToList();

        Assert.True(Ranking.RocAuc(scored) > 0.85, $"ROC-AUC {Ranking.RocAuc(scored)}");
    }

    [Fact]
    public void LiveEventsHappenNowOrInTheNextMinutesAndAreDeterministic()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var a = new TransactionSimulator(31);
        var b = new TransactionSimulator(31);

        var events = Enumerable.Range(0, 2_000).SelectMany(i => a.NextEvent(now.AddSeconds(i), TrafficProfile.Drifted)).ToList();

        Assert.Equal(events, Enumerable.Range(0, 2_000).SelectMany(i => b.NextEvent(now.AddSeconds(i), TrafficProfile.Drifted)));
        Assert.All(events, e => Assert.InRange(e.Transaction.Timestamp, now, now.AddSeconds(2_000).AddMinutes(10)));
        Assert.Contains(events, e => e.IsFraud);
    }
}

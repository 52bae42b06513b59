using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;

namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// The expected distribution of each <see cref="DriftFeature"/> for the serving model: the model's own features and
/// scores on seeded baseline traffic (<see cref="TransactionSimulator"/>), replayed as the service would see it.
/// Live traffic is compared with this.
/// </summary>
public sealed record ReferenceProfile(string ModelVersion, int Seed, int SampleSize, IReadOnlyDictionary<string, BinnedDistribution> Features)
{
    /// <summary>Fixed start of the simulated reference period, so the reference does not depend on today's date.</summary>
    public static readonly DateTimeOffset ReferenceStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan ReferenceSpan = TimeSpan.FromDays(14);

    public static ReferenceProfile Simulate(IFraudModel model, ScoringOptions scoring, int seed, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        var traffic = new TransactionSimulator(seed).Generate(sampleSize, ReferenceStart, ReferenceSpan);
        var scored = FeatureReplay.Replay(traffic, scoring).Select(r => (r.Features, Score: model.Predict(r.Features).Score)).ToList();
        return FromScored(model.Version, seed, scored);
    }

    public static ReferenceProfile FromScored(string modelVersion, int seed, IReadOnlyList<(TransactionFeatures Features, double Score)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var features = DriftFeature.All.ToDictionary(
            d => d.Name,
            d => BinnedDistribution.FromValues([.. scored.Select(s => d.Select(s.Features, s.Score))], d.FixedEdges),
            StringComparer.Ordinal);
        return new ReferenceProfile(modelVersion, seed, scored.Count, features);
    }
}

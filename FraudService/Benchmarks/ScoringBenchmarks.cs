using BenchmarkDotNet.Attributes;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Training;

namespace LlmReference.FraudService.Benchmarks;

/// <summary>
/// Single-transaction scoring cost on one core (the process is pinned to one CPU by <see cref="Program"/>):
/// features in, score and reason codes out, over 1,024 realistic simulated transactions in rotation.
/// Scores per second per core = 1 s / mean time per operation.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private TransactionFeatures[] _features = [];
    private (CardTransaction Transaction, CustomerHistory History)[] _raw = [];
    private TrainedModel _trained = null!;
    private RulesModel _rules = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var traffic = new TransactionSimulator(seed: 1).Generate(20_000, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(14));
        var replayed = FeatureReplay.Replay(traffic, new ScoringOptions()).TakeLast(1_024).ToArray();
        _features = [.. replayed.Select(r => r.Features)];
        _raw = [.. replayed.Select(r => (r.Simulated.Transaction, new CustomerHistory("DE", 10, 500, r.Features.RecentTransactions)))];
        _trained = TrainedModel.Load(Path.Combine(AppContext.BaseDirectory, "Model"), FraudModelTrainer.DefaultVersion);
        _rules = new RulesModel();
    }

    private int Next() => _next = (_next + 1) & 1023;

    [Benchmark(Description = "rules-v1 Predict")]
    public double Rules() => _rules.Predict(_features[Next()]).Score;

    [Benchmark(Baseline = true, Description = "fasttree-v1 Predict (with reason codes)")]
    public double Trained() => _trained.Predict(_features[Next()]).Score;

    [Benchmark(Description = "fasttree-v1 features + Predict")]
    public double TrainedWithFeatures()
    {
        var (transaction, history) = _raw[Next()];
        return _trained.Predict(FeatureBuilder.Build(transaction, history, 3)).Score;
    }
}

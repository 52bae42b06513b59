using System.Collections.Concurrent;

namespace LlmReference.LoadGenerator.Reporting;

/// <summary>A run's statistics by scenario, plus an <c>all</c> total, created as scenarios first report.</summary>
public sealed class LoadStatistics
{
    public const string Total = "all";

    private readonly ConcurrentDictionary<string, ScenarioStatistics> _scenarios = new(StringComparer.Ordinal);

    public ScenarioStatistics All { get; } = new(Total);

    public IEnumerable<ScenarioStatistics> Scenarios => _scenarios.Values.OrderBy(s => s.Scenario, StringComparer.Ordinal);

    public ScenarioStatistics For(string scenario) => _scenarios.GetOrAdd(scenario, static name => new ScenarioStatistics(name));
}

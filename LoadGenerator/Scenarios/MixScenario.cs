namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// A weighted mix: each request picks one scenario by weight (from the request's seeded random source, so the same
/// seed gives the same sequence of picks) and is reported under the scenario it ran.
/// </summary>
public sealed class MixScenario : IScenario
{
    private readonly (IScenario Scenario, double Cumulative)[] _table;
    private readonly double _total;

    public MixScenario(IEnumerable<(IScenario Scenario, double Weight)> weighted)
    {
        var table = new List<(IScenario, double)>();
        foreach (var (scenario, weight) in weighted)
        {
            if (weight < 0 || double.IsNaN(weight) || double.IsInfinity(weight))
            {
                throw new ArgumentException($"The weight of '{scenario.Name}' must be a finite number of at least 0; got {weight}.", nameof(weighted));
            }

            if (weight > 0)
            {
                _total += weight;
                table.Add((scenario, _total));
            }
        }

        _table = table.Count > 0 ? [.. table] : throw new ArgumentException("A mix needs at least one scenario with a positive weight.", nameof(weighted));
    }

    public string Name => ScenarioNames.Mix;

    public Task<RequestOutcome> ExecuteAsync(RequestContext context, CancellationToken cancellationToken) =>
        Pick(context.Random).ExecuteAsync(context, cancellationToken);

    internal IScenario Pick(Random random)
    {
        var x = random.NextDouble() * _total;
        foreach (var (scenario, cumulative) in _table)
        {
            if (x < cumulative)
            {
                return scenario;
            }
        }

        return _table[^1].Scenario;
    }
}

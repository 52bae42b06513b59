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

    public async Task<RequestOutcome> ExecuteAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var scenario = Pick(context.Random);
        try
        {
            return await scenario.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A request cancelled by the run (stop, drain time out) is reported under the scenario it was running,
            // not under "mix", so per-scenario lines add up.
            return new RequestOutcome(scenario.Name, OutcomeKind.Cancelled);
        }
    }

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

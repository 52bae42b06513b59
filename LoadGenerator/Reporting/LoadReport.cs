namespace LlmReference.LoadGenerator.Reporting;

/// <summary>
/// The whole run's report, written as JSON with <c>--report</c>: what was asked (model, rate, targets), what happened
/// (one line per scenario and a total). Stable field names: experiments and CI read it.
/// </summary>
/// <param name="DurationSeconds">The whole run, the drain of in-flight requests included.</param>
/// <param name="SendWindowSeconds">While requests were being sent; achieved rates are over this.</param>
public sealed record LoadReport(
    string Scenario,
    string Model,
    string Schedule,
    int? Users,
    int MaxInFlight,
    int Seed,
    IReadOnlyDictionary<string, string> Targets,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    double SendWindowSeconds,
    bool Stopped,
    ScenarioReport Total,
    IReadOnlyList<ScenarioReport> Scenarios);

namespace LlmReference.LoadGenerator.Reporting;

/// <summary>
/// The whole run's report, written as JSON with <c>--report</c>: what was asked (model, rate, targets), what happened
/// (one line per scenario and a total). Stable field names: experiments and CI read it.
/// </summary>
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
    bool Stopped,
    ScenarioReport Total,
    IReadOnlyList<ScenarioReport> Scenarios);

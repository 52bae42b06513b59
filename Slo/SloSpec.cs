namespace LlmReference.Slo;

/// <summary>
/// One service level objective, read from an OpenSLO <c>kind: SLO</c> document and validated: an
/// occurrences-based ratio of good to total events over a rolling period.
/// </summary>
/// <param name="Name">Stable id (<c>metadata.name</c>), e.g. <c>chatapi-availability</c>; the <c>slo</c> label of every rule and metric.</param>
/// <param name="DisplayName">Human name (<c>metadata.displayName</c>).</param>
/// <param name="Description">What the SLI counts and why (<c>spec.description</c>).</param>
/// <param name="Service">The AppHost resource the SLO belongs to (<c>spec.service</c>), e.g. <c>chatapi</c>.</param>
/// <param name="Objective">Target share of good events, e.g. 0.999 (<c>spec.objectives[0].target</c>).</param>
/// <param name="ObjectiveDisplayName">How the objective reads to people.</param>
/// <param name="Period">The rolling window the budget covers (<c>spec.timeWindow[0].duration</c>), 30 days here.</param>
/// <param name="Good">Series selector of the good events.</param>
/// <param name="Total">Series selector of all events that count.</param>
/// <param name="AlertName">Prometheus alert name for the budget burn (annotation <c>llmreference/alert</c>).</param>
public sealed record SloSpec(
    string Name,
    string DisplayName,
    string Description,
    string Service,
    double Objective,
    string ObjectiveDisplayName,
    TimeSpan Period,
    SeriesSelector Good,
    SeriesSelector Total,
    string AlertName)
{
    /// <summary>Annotation on <c>metadata</c> that names the SLO's burn alert.</summary>
    public const string AlertAnnotation = "llmreference/alert";

    /// <summary>The share of events allowed to be bad: 1 − objective.</summary>
    public double ErrorBudget => 1 - Objective;

    /// <summary>The file the spec was read from (its name, e.g. <c>chatapi.yaml</c>), for generated files' headers and messages.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Repository-relative path of the alert's runbook.</summary>
    public string RunbookPath => $"docs/runbooks/{AlertName}.md";
}

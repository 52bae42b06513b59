using System.Text.Json.Serialization;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>The answer of <c>GET /slo</c>: every SLO of this service, evaluated now.</summary>
/// <param name="Service">The configured <c>Slo:Service</c>.</param>
/// <param name="EvaluatedAt">When the counts were read.</param>
/// <param name="FastBurnThreshold">Burn rate above which both windows count as a fast burn.</param>
/// <param name="MinimumEvents">Events a window needs before its burn rate is given.</param>
/// <param name="Slos">One entry per SLO, in spec order.</param>
public sealed record SloReport(
    string Service,
    DateTimeOffset EvaluatedAt,
    double FastBurnThreshold,
    int MinimumEvents,
    IReadOnlyList<SloResult> Slos);

/// <summary>One SLO's budget consumption, over the short windows and since the process started.</summary>
/// <param name="Name">The spec's <c>metadata.name</c>, the <c>slo</c> label of the metrics.</param>
/// <param name="ErrorBudget">1 − objective: the share of events allowed to be bad.</param>
/// <param name="Windows">Keyed by Prometheus duration (<c>5m</c>, <c>1h</c>), shortest first.</param>
public sealed record SloResult(
    string Name,
    string DisplayName,
    string Service,
    double Objective,
    double ErrorBudget,
    SloStatus Status,
    IReadOnlyDictionary<string, SloWindowResult> Windows,
    SloSinceStart SinceStart);

/// <param name="Good">Good events in the window.</param>
/// <param name="Total">Events that count (good and bad) in the window.</param>
/// <param name="ErrorRatio">Bad / total; null with no events.</param>
/// <param name="BurnRate">
/// Error ratio / error budget: 1 spends the budget exactly over the SLO period, 14.4 spends 2 % of a 30-day budget in
/// an hour. Null below <see cref="SloReport.MinimumEvents"/>: too few events to judge.
/// </param>
public sealed record SloWindowResult(double Good, double Total, double? ErrorRatio, double? BurnRate);

/// <param name="ErrorBudgetRemaining">
/// 1 − (bad / total) / error budget over every event since start: 1 is untouched, 0 spent. It goes negative when
/// more than the budget has failed (−1 is twice the budget), which a period-long Prometheus rule would also show.
/// </param>
public sealed record SloSinceStart(double Good, double Total, double ErrorBudgetRemaining);

/// <summary>An SLO's state, judged on the page pair of windows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SloStatus>))]
public enum SloStatus
{
    /// <summary>Enough events in the short window, and no fast burn.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The burn rate exceeds the threshold in both windows: the budget is going fast, now and sustained.</summary>
    [JsonStringEnumMemberName("fast_burn")]
    FastBurn,

    /// <summary>Fewer than the minimum events in the short window: nothing can be said yet.</summary>
    [JsonStringEnumMemberName("insufficient_data")]
    InsufficientData,
}

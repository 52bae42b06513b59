namespace LlmReference.Slo;

/// <summary>
/// Names of the Prometheus series the generated rules record and the labels on them (Sloth's naming), in one place
/// for the generator, dashboards and tests. Names carry the nominal window even in compressed rule sets.
/// </summary>
public static class SloRuleNames
{
    /// <summary>Prefix of the SLI error ratio over a window: <c>slo:sli_error:ratio_rate5m</c>, …, <c>…_rate30d</c> (the period).</summary>
    public const string ErrorRatioPrefix = "slo:sli_error:ratio_rate";

    /// <summary>The objective, e.g. 0.999.</summary>
    public const string Objective = "slo:objective:ratio";

    /// <summary>The error budget, 1 − objective.</summary>
    public const string ErrorBudget = "slo:error_budget:ratio";

    /// <summary>The 5m error ratio divided by the budget: 1 spends the budget exactly over the period.</summary>
    public const string CurrentBurnRate = "slo:current_burn_rate:ratio";

    /// <summary>The period's error ratio divided by the budget.</summary>
    public const string PeriodBurnRate = "slo:period_burn_rate:ratio";

    /// <summary>1 − period burn rate: the share of the period's budget left (negative once overspent).</summary>
    public const string PeriodErrorBudgetRemaining = "slo:period_error_budget_remaining:ratio";

    /// <summary>Label naming the SLO (<see cref="SloSpec.Name"/>) on every rule and alert.</summary>
    public const string SloLabel = "slo";

    /// <summary>Label naming the service (<see cref="SloSpec.Service"/>) on every rule and alert.</summary>
    public const string ServiceLabel = "service";

    /// <summary>Alert label: <c>page</c> or <c>ticket</c>.</summary>
    public const string SeverityLabel = "severity";

    /// <summary>
    /// The windows the error ratio is recorded over besides the period: the short and long windows of the SRE
    /// workbook's multi-window, multi-burn-rate alerts (<see cref="BurnRateAlertPolicy.Workbook"/>).
    /// </summary>
    public static IReadOnlyList<TimeSpan> Windows { get; } =
    [
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(3),
    ];

    /// <summary>The error-ratio series for a nominal window, e.g. <c>slo:sli_error:ratio_rate1h</c>.</summary>
    public static string ErrorRatio(TimeSpan nominalWindow) => ErrorRatioPrefix + PrometheusDuration.Format(nominalWindow);
}

namespace LlmReference.Slo;

/// <summary>
/// One alert severity of the SRE workbook's multi-window, multi-burn-rate alerting ("Alerting on SLOs", chapter 5 of
/// The Site Reliability Workbook): it fires when any of its <see cref="Conditions"/> holds.
/// </summary>
/// <param name="Severity">The <c>severity</c> label: <c>page</c> wakes someone, <c>ticket</c> waits for working hours.</param>
/// <param name="For">How long the condition must hold before the alert fires.</param>
/// <param name="Conditions">Alternatives; each needs its long and its short window above the burn threshold.</param>
public sealed record BurnRateAlertPolicy(string Severity, TimeSpan For, IReadOnlyList<BurnRateCondition> Conditions)
{
    /// <summary>
    /// The workbook's recommendation for a 30-day period: page at 14.4× over 1h and 5m (2 % of the budget gone in an
    /// hour) or 6× over 6h and 30m (5 % in six hours); ticket at 3× over 1d and 2h (10 % in a day) or 1× over 3d and
    /// 6h (10 % in three days). The short window (1/12 of the long one) makes the alert stop soon after the burn stops.
    /// </summary>
    /// <remarks>
    /// The workbook uses no <c>for:</c>; a short one here makes a condition hold over several evaluations before it
    /// notifies, so that a blip (one odd scrape or rule evaluation) does not. Two minutes at 14.4× cost 0.07 % of the
    /// 30-day budget, fifteen at 3× 0.1 %: small next to what each alert guards (2 % and 10 %).
    /// </remarks>
    public static IReadOnlyList<BurnRateAlertPolicy> Workbook { get; } =
    [
        new("page", TimeSpan.FromMinutes(2),
        [
            new(14.4, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
            new(6, TimeSpan.FromHours(6), TimeSpan.FromMinutes(30)),
        ]),
        new("ticket", TimeSpan.FromMinutes(15),
        [
            new(3, TimeSpan.FromDays(1), TimeSpan.FromHours(2)),
            new(1, TimeSpan.FromDays(3), TimeSpan.FromHours(6)),
        ]),
    ];
}

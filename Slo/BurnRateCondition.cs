namespace LlmReference.Slo;

/// <summary>
/// "The error ratio over both windows is above <see cref="Factor"/> × the error budget": a burn fast enough to matter
/// (long window) that is still going on (short window).
/// </summary>
/// <param name="Factor">Burn rate: how many times faster than "exactly the budget over the period" errors arrive.</param>
/// <param name="LongWindow">The window that decides whether enough budget has gone.</param>
/// <param name="ShortWindow">The window that stops the alert soon after the burn stops.</param>
public sealed record BurnRateCondition(double Factor, TimeSpan LongWindow, TimeSpan ShortWindow)
{
    /// <summary>The error ratio both windows must exceed for an SLO with this budget.</summary>
    public decimal Threshold(decimal errorBudget) => (decimal)Factor * errorBudget;

    /// <summary>
    /// Whether the condition can ever hold: an error ratio is at most 1, and the rule needs it strictly above the
    /// threshold, so 14.4× a 20 % budget (2.88) never fires.
    /// </summary>
    public bool CanFire(decimal errorBudget) => Threshold(errorBudget) < 1;

    /// <summary>The share of the period's budget spent over the long window at this burn rate, e.g. 0.02 for 14.4× over 1h of 30d.</summary>
    public double BudgetSpent(TimeSpan period) => Factor * LongWindow / period;
}

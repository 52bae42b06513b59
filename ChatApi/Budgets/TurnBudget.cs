namespace LlmReference.ChatApi.Budgets;

/// <summary>
/// A turn's budget reservation, made in the turn's opening round trip before the pipeline runs, and what became of it.
/// A refusal is only thrown (and counted) when the call reaches the budget stage, so an answer from the cache or a
/// message the guardrails block is never refused for budget, as when the stage reserved itself.
/// </summary>
/// <param name="UserId">The caller.</param>
/// <param name="Reservation">The tokens held; null when refused.</param>
/// <param name="Status">What was left after the reservation (or, refused, as it stood).</param>
/// <param name="Refusal">Why the reservation was refused; null when granted.</param>
public sealed record TurnBudget(string UserId, BudgetReservation? Reservation, BudgetStatus Status, BudgetExceededException? Refusal)
{
    /// <summary>Tokens the call used, set by the budget stage: the turn's closing round trip charges them.</summary>
    public long? UsedTokens { get; set; }

    /// <summary>Nothing is left to charge or return: the closing round trip settled it, or a streamed answer failed after it started (the reservation stands).</summary>
    public bool Settled { get; set; }
}

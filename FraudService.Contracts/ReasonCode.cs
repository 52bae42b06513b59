namespace LlmReference.FraudService.Contracts;

/// <summary>One feature's push on the score, in log-odds (the logistic model's additive contribution).</summary>
/// <param name="Code">Stable machine name of the reason, e.g. <c>amount_unusual</c>.</param>
/// <param name="Feature">The feature it comes from, e.g. <c>amountRatio</c>.</param>
/// <param name="Value">The feature's value for this transaction.</param>
/// <param name="Contribution">How much it added to the log-odds of fraud.</param>
/// <param name="Description">A sentence a reviewer can read.</param>
public sealed record ReasonCode(string Code, string Feature, double Value, double Contribution, string Description);

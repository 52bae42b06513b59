namespace LlmReference.ChatApi.Guardrails;

/// <summary>The overall result of one check.</summary>
public enum GuardrailOutcome
{
    /// <summary>Nothing to enforce (rules with <see cref="GuardrailAction.Log"/> may still have findings).</summary>
    Pass,

    /// <summary>Sensitive parts were masked; <see cref="GuardrailDecision.Text"/> is the masked text.</summary>
    Mask,

    /// <summary>Refused; <see cref="GuardrailDecision.Message"/> says why, in words for the customer.</summary>
    Block,
}

/// <summary>One rule that found something.</summary>
/// <param name="Rule">The rule id, e.g. <c>card_number</c> (see <see cref="GuardrailRules"/>).</param>
/// <param name="Action">What was done about it.</param>
/// <param name="Matches">How many places in the text matched.</param>
public sealed record GuardrailFinding(string Rule, GuardrailAction Action, int Matches);

/// <summary>The result of checking one message or reply.</summary>
/// <param name="Outcome">Pass, Mask or Block.</param>
/// <param name="Text">
/// The text to use from here on: the original for <see cref="GuardrailOutcome.Pass"/>, the masked text for
/// <see cref="GuardrailOutcome.Mask"/>, the customer-facing <see cref="Message"/> for <see cref="GuardrailOutcome.Block"/>.
/// </param>
/// <param name="Message">For a block: what to tell the customer. Null otherwise.</param>
/// <param name="Findings">Every rule that matched, including log-only ones.</param>
public sealed record GuardrailDecision(GuardrailOutcome Outcome, string Text, string? Message, IReadOnlyList<GuardrailFinding> Findings)
{
    public bool IsBlocked => Outcome == GuardrailOutcome.Block;

    /// <summary>The rule that caused a block (the first blocking rule in policy order), else null.</summary>
    public string? BlockingRule => Findings.FirstOrDefault(f => f.Action == GuardrailAction.Block)?.Rule;

    public static GuardrailDecision Pass(string text) => new(GuardrailOutcome.Pass, text, null, []);
}

namespace LlmReference.ChatApi.Guardrails;

/// <summary>The policy's rules, in the order they are evaluated (the first blocking rule's message is shown).</summary>
public static class GuardrailRules
{
    public const string PromptInjection = "prompt_injection";
    public const string OtherCustomerData = "other_customer_data";
    public const string CardNumber = "card_number";
    public const string AccountNumber = "account_number";
    public const string InvestmentAdvice = "investment_advice";

    /// <summary>
    /// How long one pattern may run on one text before the rule counts as failed (and fails closed). It bounds a
    /// pathological match (catastrophic backtracking), not ordinary work: every pattern here finishes in microseconds
    /// on a message within ChatApi's length limits. The clock is wall time, which includes time the thread is not
    /// scheduled, so the bound must sit far above the pauses a saturated host produces: at 250 ms a load average of 30
    /// was enough to time out a match and block a harmless reply.
    /// </summary>
    internal const int MatchTimeoutMilliseconds = 2_000;

    internal static readonly IReadOnlyList<GuardrailRule> All =
    [
        new(PromptInjection, nameof(GuardrailOptions.PromptInjection), GuardrailStage.Input, CanMask: false,
            o => o.PromptInjection, Guardrails.PromptInjection.Find, StreamHoldBacks.None),
        new(OtherCustomerData, nameof(GuardrailOptions.OtherCustomerData), GuardrailStage.Input, CanMask: false,
            o => o.OtherCustomerData, Guardrails.OtherCustomerData.Find, StreamHoldBacks.None),
        new(CardNumber, nameof(GuardrailOptions.CardNumbers), GuardrailStage.Input | GuardrailStage.Output, CanMask: true,
            o => o.CardNumbers, CardNumbers.Find, StreamHoldBacks.TrailingNumber),
        new(AccountNumber, nameof(GuardrailOptions.AccountNumbers), GuardrailStage.Input | GuardrailStage.Output, CanMask: true,
            o => o.AccountNumbers, AccountNumbers.Find, StreamHoldBacks.TrailingNumber),
        new(InvestmentAdvice, nameof(GuardrailOptions.InvestmentAdvice), GuardrailStage.Output, CanMask: false,
            o => o.InvestmentAdvice, Guardrails.InvestmentAdvice.Find, StreamHoldBacks.AdviceSentence),
    ];
}

/// <summary>
/// One rule: its id (telemetry), its options property, where it applies, how it finds matches and what of a streamed
/// reply it needs held back until it can decide.
/// </summary>
internal sealed record GuardrailRule(
    string Id,
    string OptionName,
    GuardrailStage Stages,
    bool CanMask,
    Func<GuardrailOptions, GuardrailRuleOptions> Settings,
    Func<string, IReadOnlyList<TextMatch>> Find,
    StreamHoldBack HoldBack);

using System.Text.RegularExpressions;
using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>The policy's rules, in the order they are evaluated (the first blocking rule's message is shown).</summary>
public static class GuardrailRules
{
    public const string PromptInjection = "prompt_injection";
    public const string OtherCustomerData = "other_customer_data";
    public const string CardNumber = "card_number";
    public const string AccountNumber = "account_number";
    public const string EmailAddress = "email_address";
    public const string PhoneNumber = "phone_number";
    public const string InvestmentAdvice = "investment_advice";
    public const string SystemPromptLeak = "system_prompt_leak";

    /// <summary>
    /// No match timeout: every built-in pattern and every operator pattern runs on the NonBacktracking engine, whose
    /// time is linear in the text, so a timeout could only ever measure how loaded the machine is (a wall-clock bound
    /// of 250 ms, later 2 s, once blocked a harmless reply on a saturated CI host). A rule that throws still fails closed.
    /// </summary>
    internal static readonly TimeSpan MatchTimeout = Regex.InfiniteMatchTimeout;

    internal static readonly IReadOnlyList<GuardrailRule> All =
    [
        new(PromptInjection, nameof(GuardrailOptions.PromptInjection), GuardrailStage.Input, CanMask: false,
            o => o.PromptInjection, Guardrails.PromptInjection.Find, StreamHoldBacks.None),
        new(OtherCustomerData, nameof(GuardrailOptions.OtherCustomerData), GuardrailStage.Input, CanMask: false,
            o => o.OtherCustomerData, Guardrails.OtherCustomerData.Find, StreamHoldBacks.None),
        new(CardNumber, nameof(GuardrailOptions.CardNumbers), GuardrailStage.Input | GuardrailStage.Output, CanMask: true,
            o => o.CardNumbers, CardNumbers.Find, StreamHoldBacks.TrailingNumber),
        new(AccountNumber, nameof(GuardrailOptions.AccountNumbers), GuardrailStage.Input | GuardrailStage.Output, CanMask: true,
            o => o.AccountNumbers, AccountNumbers.Find, StreamHoldBacks.TrailingAccount),
        new(EmailAddress, nameof(GuardrailOptions.EmailAddresses), GuardrailStage.Input, CanMask: true,
            o => o.EmailAddresses, ContactData.FindEmails, StreamHoldBacks.None, ContactData.MaskEmail),
        new(PhoneNumber, nameof(GuardrailOptions.PhoneNumbers), GuardrailStage.Input, CanMask: true,
            o => o.PhoneNumbers, ContactData.FindPhones, StreamHoldBacks.None),
        new(InvestmentAdvice, nameof(GuardrailOptions.InvestmentAdvice), GuardrailStage.Output, CanMask: false,
            o => o.InvestmentAdvice, Guardrails.InvestmentAdvice.Find, StreamHoldBacks.AdviceSentence),
        new(SystemPromptLeak, nameof(GuardrailOptions.SystemPromptLeak), GuardrailStage.Output, CanMask: false,
            o => o.SystemPromptLeak, Guardrails.SystemPromptLeak.Find, StreamHoldBacks.PromptRun),
    ];
}

/// <summary>How a mask rule hides a match, in place and keeping the length.</summary>
internal delegate void MaskStyle(Span<char> text, TextMatch match);

/// <summary>
/// One rule: its id (telemetry), its options property, where it applies, how it finds matches (in the original text's
/// coordinates, from the normalised text), what of a streamed reply it needs held back until it can decide, and how
/// it masks (the last four characters stay visible unless it says otherwise).
/// </summary>
internal sealed record GuardrailRule(
    string Id,
    string OptionName,
    GuardrailStage Stages,
    bool CanMask,
    Func<GuardrailOptions, GuardrailRuleOptions> Settings,
    Func<GuardrailText, IReadOnlyList<TextMatch>> Find,
    StreamHoldBack HoldBack,
    MaskStyle? Mask = null)
{
    public MaskStyle MaskStyle => Mask ?? SensitiveMask.Apply;
}

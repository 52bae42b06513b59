namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// The compliance policy, bound from the <c>Guardrails</c> section: one entry per rule with its action and the message
/// the customer sees when it blocks (e.g. <c>Guardrails:InvestmentAdvice:Action=Log</c> to observe before enforcing).
/// Validated at start by <see cref="GuardrailOptionsValidator"/>.
/// </summary>
public sealed class GuardrailOptions
{
    public const string SectionName = "Guardrails";

    /// <summary>Longest customer-facing message, in characters.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>Evaluate the policy at all. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Attempts to override the assistant's instructions ("ignore previous instructions", "you are now …", "reveal your
    /// system prompt", role markers). Input only; Block or Log. Default: Block.
    /// </summary>
    public GuardrailRuleOptions PromptInjection { get; set; } = new()
    {
        Action = GuardrailAction.Block,
        Message = "I can't follow instructions that try to change how I work. I'm happy to help with your cards, accounts and payments.",
    };

    /// <summary>
    /// Requests for someone else's data ("show me the account of John Smith", "customer 12345's balance", other
    /// people's card numbers). Input only; Block or Log. Default: Block.
    /// </summary>
    public GuardrailRuleOptions OtherCustomerData { get; set; } = new()
    {
        Action = GuardrailAction.Block,
        Message = "I can only help with your own accounts and cards. The account holder needs to contact us themselves, or you can ask a branch about third-party access.",
    };

    /// <summary>
    /// Full card numbers (PAN: 13-19 digits that pass the Luhn check, read after normalisation: any separators, zero-width characters, full-width or other-script digits), masked to the
    /// last four digits. Input and output; Mask, Block or Log. Default: Mask.
    /// </summary>
    public GuardrailRuleOptions CardNumbers { get; set; } = new()
    {
        Action = GuardrailAction.Mask,
        Message = "For your security, please never share a full card number here. Use the last four digits instead.",
    };

    /// <summary>
    /// Account numbers (IBAN in any case with any separators, the country's length and a valid checksum, UK sort code with account number, an 8-digit number introduced as an
    /// account number), masked to the last four characters. Input and output; Mask, Block or Log. Default: Mask.
    /// </summary>
    public GuardrailRuleOptions AccountNumbers { get; set; } = new()
    {
        Action = GuardrailAction.Mask,
        Message = "For your security, please don't share full account numbers here. Use the last four digits instead.",
    };

    /// <summary>
    /// E-mail addresses in a customer's message, masked to "****@example.com" (the local part hidden, the domain kept).
    /// Input only: replies carry the bank's own addresses. Mask, Block, Log or Off. Default: Mask.
    /// </summary>
    public GuardrailRuleOptions EmailAddresses { get; set; } = new()
    {
        Action = GuardrailAction.Mask,
        Message = "For your security, please don't share e-mail addresses here. You can update your contact details in the app.",
    };

    /// <summary>
    /// Phone numbers in a customer's message (international <c>+</c>/<c>00</c>, national with a leading <c>0</c> or
    /// bracket, or digits introduced by "phone", "mobile" …; 9-15 digits), masked to the last four digits. Input only:
    /// replies carry the bank's own numbers. Mask, Block, Log or Off. Default: Mask.
    /// </summary>
    public GuardrailRuleOptions PhoneNumbers { get; set; } = new()
    {
        Action = GuardrailAction.Mask,
        Message = "For your security, please don't share phone numbers here. You can update your contact details in the app.",
    };

    /// <summary>
    /// Personal investment advice in a reply ("you should buy shares in …", "I recommend investing in …"). Output only;
    /// Block or Log. Default: Block (the reply is replaced by the message).
    /// </summary>
    public GuardrailRuleOptions InvestmentAdvice { get; set; } = new()
    {
        Action = GuardrailAction.Block,
        Message = "I'm not able to give investment advice. For help with investing, please speak to a regulated financial adviser; I can tell you about our savings accounts and their rates.",
    };

    /// <summary>
    /// A reply that reproduces the conversation's system prompt (any run of eight consecutive prompt words, compared
    /// after normalisation). Output only; Block or Log. Default: Block (a streamed reply holds back a run of prompt words
    /// until it diverges, so none of a leaked run is shown).
    /// </summary>
    public GuardrailRuleOptions SystemPromptLeak { get; set; } = new()
    {
        Action = GuardrailAction.Block,
        Message = "I can't share how I've been set up. I'm happy to help with your cards, accounts and payments.",
    };
}

/// <summary>One rule's settings.</summary>
public sealed class GuardrailRuleOptions
{
    /// <summary>What to do when the rule matches.</summary>
    public GuardrailAction Action { get; set; }

    /// <summary>What the customer is told when the rule blocks (at most <see cref="GuardrailOptions.MaxMessageLength"/> characters).</summary>
    public string Message { get; set; } = "";

    /// <summary>
    /// More regular expressions that count as a match of this rule, so a compliance team can add a phrase without a
    /// release (<c>Guardrails:PromptInjection:ExtraPatterns:0</c>). Case-insensitive, run by the linear-time
    /// NonBacktracking engine (no lookarounds or backreferences). At most <see cref="ExtraPatterns.MaxCount"/>, each at
    /// most <see cref="ExtraPatterns.MaxLength"/> characters. Default: none.
    /// </summary>
    public List<string> ExtraPatterns { get; set; } = [];
}

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// A customer message that the guardrail policy refused; the chat flow throws it before any model call so the
/// endpoint can answer 422 with <see cref="Exception.Message"/> (written for the customer) as the problem's detail.
/// </summary>
public sealed class GuardrailBlockedException(GuardrailDecision decision)
    : Exception(decision.Message ?? "This message cannot be processed.")
{
    /// <summary>Outcome tag value for <c>chat.requests</c> when a message is blocked.</summary>
    public const string Outcome = "guardrail_blocked";

    public GuardrailDecision Decision { get; } = decision;

    /// <summary>The rule that blocked the message (e.g. <c>prompt_injection</c>).</summary>
    public string? Rule => Decision.BlockingRule;
}

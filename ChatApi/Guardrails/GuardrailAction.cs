namespace LlmReference.ChatApi.Guardrails;

/// <summary>What a guardrail rule does when it finds something.</summary>
public enum GuardrailAction
{
    /// <summary>Refuse: the message never reaches the model (input), or the reply is replaced by the rule's message (output).</summary>
    Block,

    /// <summary>Replace the sensitive part (all but the last four characters) and carry on. Only for number rules.</summary>
    Mask,

    /// <summary>Let the text through unchanged, but count and log the finding (to tune a rule before enforcing it).</summary>
    Log,

    /// <summary>Do not evaluate the rule at all.</summary>
    Off,
}

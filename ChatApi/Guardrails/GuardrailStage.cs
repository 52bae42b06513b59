namespace LlmReference.ChatApi.Guardrails;

/// <summary>Where in a turn a check runs.</summary>
[Flags]
public enum GuardrailStage
{
    /// <summary>The customer's message, before the model sees it.</summary>
    Input = 1,

    /// <summary>The model's reply, before the customer sees it.</summary>
    Output = 2,
}

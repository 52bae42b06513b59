namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// The bank's compliance policy for chat: the chat flow checks every customer message before the model call and
/// every reply before it is shown or stored. Each check counts <c>guardrail.decisions</c> per rule and adds a
/// <c>gen_ai.evaluation.result</c> event to the current span.
/// </summary>
public interface IGuardrailPolicy
{
    /// <summary>
    /// Checks a customer message: prompt injection and requests for another customer's data (block), card and account
    /// numbers, e-mail addresses and phone numbers (mask, so the model, logs and history never hold them). Every rule reads
    /// the normalised text (<see cref="Normalization.TextNormalizer"/>).
    /// </summary>
    ValueTask<GuardrailDecision> CheckInputAsync(string userMessage, CancellationToken cancellationToken = default);

    /// <summary>Checks a complete reply: card and account numbers (mask), investment advice and system-prompt leaks (block).</summary>
    /// <param name="reply">The model's answer.</param>
    /// <param name="responseId">The model's response id, so the evaluation event can be tied to it.</param>
    /// <param name="systemPrompt">The conversation's system prompt, which the reply must not reproduce (null: not checked).</param>
    GuardrailDecision CheckOutput(string reply, string? responseId = null, string? systemPrompt = null);

    /// <summary>
    /// A filter for a streamed reply, applying the output rules delta by delta (it holds back a possibly unfinished
    /// number or a sentence that may turn into advice). It records no telemetry: <see cref="CheckOutput"/> on the
    /// complete reply does.
    /// </summary>
    GuardrailStreamFilter CreateStreamFilter(string? systemPrompt = null);
}

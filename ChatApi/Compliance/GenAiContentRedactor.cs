using System.Diagnostics;

namespace LlmReference.ChatApi.Compliance;

/// <summary>
/// Masks card and account numbers, e-mail addresses and phone numbers in the message content that the pipeline's
/// OpenTelemetry stage records when <c>Llm:CaptureContent</c> is on. That stage sits next to the model, inside the
/// guardrails: the user's input it records is already masked, but the model's raw output is not (the output rules mask
/// it on the way out, after the span has recorded it). Runs ahead of every exporter (ServiceDefaults'
/// <see cref="ISpanRedactor"/> hook), so the dashboard and any collector receive only masked content.
/// </summary>
public sealed class GenAiContentRedactor : ISpanRedactor
{
    /// <summary>The GenAI semantic conventions' content attributes (messages, instructions, tool arguments and results).</summary>
    public static readonly string[] ContentAttributes =
    [
        "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions",
        "gen_ai.tool.call.arguments", "gen_ai.tool.call.result",
    ];

    public void Redact(Activity span)
    {
        foreach (var name in ContentAttributes)
        {
            if (span.GetTagItem(name) is string { Length: > 0 } content && PiiRedactor.Mask(content) is var masked && !ReferenceEquals(masked, content))
            {
                span.SetTag(name, masked);
            }
        }
    }
}

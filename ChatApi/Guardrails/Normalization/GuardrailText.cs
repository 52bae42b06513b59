namespace LlmReference.ChatApi.Guardrails.Normalization;

/// <summary>
/// One text under check, as every rule receives it: normalised once (<see cref="Normalized"/>), with what a rule may
/// need beyond the text itself (the system prompt the reply must not reproduce).
/// </summary>
public sealed class GuardrailText
{
    private IReadOnlyList<DecodedSegment>? _decoded;

    public GuardrailText(string original, string? systemPrompt = null)
    {
        Normalized = TextNormalizer.Normalize(original);
        SystemPrompt = systemPrompt;
    }

    public NormalizedText Normalized { get; }

    public string Original => Normalized.Original;

    /// <summary>The system prompt of the conversation, when the caller knows it (output checks).</summary>
    public string? SystemPrompt { get; }

    /// <summary>Base64 and hex segments of the text that decode to readable text, decoded and normalised (decoded once, on first use).</summary>
    internal IReadOnlyList<DecodedSegment> Decoded => _decoded ??= EncodedSegments.Decode(Normalized.Text);
}

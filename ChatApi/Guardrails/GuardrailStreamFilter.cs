using System.Text;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Applies the output rules to a reply while it streams. Text is released as soon as every enabled output rule says it
/// is safe (<see cref="GuardrailRule.HoldBack"/>): the number rules hold back a trailing run of digits and separators (or
/// the start of an IBAN) until it ends, the prompt-leak rule a run of system-prompt words until it diverges, the advice rule an unfinished sentence that may turn into advice. Masking keeps lengths, so
/// text released earlier never has to change. When a block rule matches, nothing more of the reply is released; the rule's message follows instead.
/// Not thread-safe: one filter per stream.
/// </summary>
public sealed class GuardrailStreamFilter
{
    /// <summary>
    /// How far back from the released position the rules look again: longer than any number they mask (an IBAN with
    /// spaces is at most 42 characters), so rescanning costs a bounded amount per delta instead of the whole reply.
    /// </summary>
    private const int Lookback = 256;

    private readonly GuardrailPolicy _policy;
    private readonly GuardrailOptions _options;
    private readonly string? _systemPrompt;
    private readonly StringBuilder _text = new();
    private int _released;
    private string? _blockMessage;

    internal GuardrailStreamFilter(GuardrailPolicy policy, GuardrailOptions options, string? systemPrompt)
    {
        _policy = policy;
        _options = options;
        _systemPrompt = systemPrompt;
    }

    /// <summary>True once a block rule matched: the rest of the stream is replaced by <see cref="BlockMessage"/>.</summary>
    public bool IsBlocked => _blockMessage is not null;

    public string? BlockMessage => _blockMessage;

    /// <summary>Adds a delta from the model; returns the text that may be shown now (often the delta itself, possibly empty).</summary>
    public string Append(string delta)
    {
        if (IsBlocked)
        {
            return string.Empty;
        }

        _text.Append(delta);
        return Release(final: false);
    }

    /// <summary>The stream ended: returns whatever was held back (masked), or the block message.</summary>
    public string Complete() => IsBlocked ? string.Empty : Release(final: true);

    private string Release(bool final)
    {
        if (!_options.Enabled)
        {
            var all = _text.ToString(_released, _text.Length - _released);
            _released = _text.Length;
            return all;
        }

        var windowStart = Math.Max(0, _released - Lookback);
        var window = _text.ToString(windowStart, _text.Length - windowStart);
        var decision = _policy.Evaluate(GuardrailStage.Output, window, _options, record: false, _systemPrompt);
        if (decision.IsBlocked)
        {
            _blockMessage = decision.Message;
            return (_released > 0 ? "\n\n" : string.Empty) + decision.Message;
        }

        var cut = final ? window.Length : SafeCut(window);
        var from = _released - windowStart;
        if (cut <= from)
        {
            return string.Empty;
        }

        _released = windowStart + cut;
        return decision.Text[from..cut];
    }

    /// <summary>Where the releasable text ends: the earliest position any enabled output rule holds back to.</summary>
    private int SafeCut(string window)
    {
        var cut = window.Length;
        foreach (var rule in GuardrailRules.All)
        {
            var settings = rule.Settings(_options);
            if (rule.Stages.HasFlag(GuardrailStage.Output) && settings.Action != GuardrailAction.Off)
            {
                cut = rule.HoldBack(window, cut, settings, _systemPrompt);
            }
        }

        return cut;
    }
}

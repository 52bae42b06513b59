namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// What a rule needs held back from a streamed reply before it can decide: given the text so far and the position up
/// to which the rules before it would release, returns the (same or earlier) position up to which this rule would.
/// Every rule declares one (<see cref="GuardrailRule.HoldBack"/>), so a new output rule cannot let text through that it
/// would later have masked or blocked.
/// </summary>
internal delegate int StreamHoldBack(string window, int cut, GuardrailRuleOptions settings);

internal static class StreamHoldBacks
{
    /// <summary>Input-only rules never see a reply.</summary>
    public static readonly StreamHoldBack None = static (_, cut, _) => cut;

    /// <summary>A trailing run of digits, spaces and dashes may be the start of a card or account number: hold it until it ends.</summary>
    public static readonly StreamHoldBack TrailingNumber = static (window, cut, _) =>
    {
        var end = cut;
        while (end > 0 && (char.IsAsciiDigit(window[end - 1]) || window[end - 1] is ' ' or '-'))
        {
            end--;
        }

        // Spaces and dashes before the first digit cannot belong to a number; trailing ones alone are no number at all.
        while (end < cut && window[end] is ' ' or '-')
        {
            end++;
        }

        return end;
    };

    /// <summary>
    /// An unfinished sentence that may still become investment advice waits until it ends (when the rule blocks).
    /// Operator patterns have no known trigger words, so with any of them every sentence waits.
    /// </summary>
    public static readonly StreamHoldBack AdviceSentence = static (window, cut, settings) =>
    {
        if (settings.Action != GuardrailAction.Block)
        {
            return cut;
        }

        var sentenceStart = window.AsSpan(0, cut).LastIndexOfAny(".!?\n") + 1;
        return settings.ExtraPatterns.Count > 0 || InvestmentAdvice.MayBecomeAdvice(window.AsSpan(sentenceStart, cut - sentenceStart))
            ? sentenceStart
            : cut;
    };
}

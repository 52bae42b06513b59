using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// What a rule needs held back from a streamed reply before it can decide: given the text so far and the position up
/// to which the rules before it would release, returns the (same or earlier) position up to which this rule would.
/// Every rule declares one (<see cref="GuardrailRule.HoldBack"/>), so a new output rule cannot let text through that it
/// would later have masked or blocked.
/// </summary>
internal delegate int StreamHoldBack(string window, int cut, GuardrailRuleOptions settings, string? systemPrompt);

internal static class StreamHoldBacks
{
    /// <summary>Input-only rules never see a reply.</summary>
    public static readonly StreamHoldBack None = static (_, cut, _, _) => cut;

    /// <summary>
    /// A trailing run of digits (any script), separators (spaces, dashes, dots, slashes …) and invisible characters
    /// may be the start of a card or account number: hold it until it ends.
    /// </summary>
    public static readonly StreamHoldBack TrailingNumber = static (window, cut, _, _) =>
    {
        var end = cut;
        while (end > 0 && IsNumberPart(window[end - 1]))
        {
            end--;
        }

        // Separators before the first digit cannot belong to a number; trailing ones alone are no number at all.
        while (end < cut && !char.IsDigit(window[end]))
        {
            end++;
        }

        return end;
    };

    /// <summary>
    /// Account numbers: a trailing number, and also a trailing run that may be the start of an IBAN (two letters and
    /// two digits beginning a word, then letters, digits and separators), held until it is long enough to judge.
    /// </summary>
    public static readonly StreamHoldBack TrailingAccount = static (window, cut, settings, prompt) =>
    {
        var end = TrailingNumber(window, cut, settings, prompt);
        var alphanumerics = 0;
        var start = cut;
        while (start > 0 && alphanumerics <= AccountNumbers.MaxIbanLength
               && (char.IsLetterOrDigit(window[start - 1]) || DigitRuns.IsSeparator(window[start - 1]) || TextNormalizer.IsInvisible(window[start - 1])))
        {
            start--;
            alphanumerics += char.IsLetterOrDigit(window[start]) ? 1 : 0;
        }

        // The earliest word start in that tail that reads as "GB82", "de89", "ＧＢ８２".
        for (var i = start; i < cut; i++)
        {
            if ((i == 0 || !char.IsLetterOrDigit(window[i - 1])) && LooksLikeIbanStart(window, i, cut))
            {
                return Math.Min(end, i);
            }
        }

        return end;
    };

    /// <summary>An unfinished run of system-prompt words (<see cref="SystemPromptLeak"/>).</summary>
    public static readonly StreamHoldBack PromptRun = SystemPromptLeak.HoldBack;

    /// <summary>
    /// An unfinished sentence that may still become investment advice waits until it ends (when the rule blocks).
    /// Operator patterns have no known trigger words, so with any of them every sentence waits.
    /// </summary>
    public static readonly StreamHoldBack AdviceSentence = static (window, cut, settings, _) =>
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

    private static bool IsNumberPart(char c) => char.IsDigit(c) || DigitRuns.IsSeparator(c) || TextNormalizer.IsInvisible(c)
        || (c > '\u007F' && TextNormalizer.FoldChar(c) is var folded && (char.IsDigit(folded) || DigitRuns.IsSeparator(folded)));

    /// <summary>
    /// Whether the letters and digits from <paramref name="i"/> (ignoring separators) could begin an IBAN: two letters
    /// that are an IBAN country code, then digits. A single trailing letter is not held (a stream that stalls after "I"
    /// must still show it); a chunk boundary after an IBAN's first letter leaves that letter unmasked, nothing more.
    /// </summary>
    private static bool LooksLikeIbanStart(string window, int i, int cut)
    {
        Span<char> seen = stackalloc char[4];
        var count = 0;
        for (var j = i; j < cut && count < 4; j++)
        {
            var c = window[j];
            if (TextNormalizer.IsInvisible(c) || (count > 0 && DigitRuns.IsSeparator(c)))
            {
                continue;
            }

            var folded = char.ToUpperInvariant(TextNormalizer.FoldChar(c));
            if (count < 2 ? !char.IsAsciiLetter(folded) : !char.IsAsciiDigit(folded))
            {
                return false;
            }

            seen[count++] = folded;
        }

        return count >= 2 && AccountNumbers.IsIbanCountry(seen[..2]);
    }
}

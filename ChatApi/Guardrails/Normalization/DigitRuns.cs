namespace LlmReference.ChatApi.Guardrails.Normalization;

/// <summary>
/// Separator-agnostic digit runs: groups of ASCII digits (in normalised text) joined by short runs of separators, so
/// "4111.1111.1111.1111", "4111/1111/1111/1111" and "4111 - 1111 - 1111 - 1111" are one run of four groups. A
/// hand-written scan, linear in the text.
/// </summary>
internal static class DigitRuns
{
    /// <summary>Characters that may sit between the digit groups of one number.</summary>
    public static bool IsSeparator(char c) => c is ' ' or '\t' or '\r' or '\n' or '-' or '.' or '/' or '\\' or '_' or ',' or ':' or '|' or '·' or '•';

    /// <summary>Each run as its digit groups (ranges of <paramref name="text"/>).</summary>
    public static IEnumerable<IReadOnlyList<TextMatch>> Find(string text, int maxSeparatorRun)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var groups = new List<TextMatch>();
            while (true)
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                groups.Add(new TextMatch(start, i - start));
                var gap = i;
                while (gap < text.Length && gap - i < maxSeparatorRun && IsSeparator(text[gap]))
                {
                    gap++;
                }

                if (gap > i && gap < text.Length && char.IsAsciiDigit(text[gap]))
                {
                    i = gap;
                    continue;
                }

                break;
            }

            yield return groups;
        }
    }
}

using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Finds full card numbers (PANs): 13-19 digits that pass the Luhn check, read from the normalised text, so they are
/// found whatever separates the groups (spaces, dashes, dots, slashes, zero-width characters) and whatever digits
/// they are written in (full-width, Arabic-Indic). The checksum is what tells a card number from a phone number, an
/// order reference or a transaction id of the same length: only about one random digit string in ten passes it.
/// </summary>
public static class CardNumbers
{
    public const int MinDigits = 13;
    public const int MaxDigits = 19;

    /// <summary>Most separator characters allowed between two digit groups of one number ("4111 - 1111" has three).</summary>
    public const int MaxSeparatorRun = 3;

    internal static IReadOnlyList<TextMatch> Find(GuardrailText text) =>
        [.. FindNormalized(text.Normalized.Text).Select(text.Normalized.ToOriginal)];

    /// <summary>Card numbers in an already normalised text, in its coordinates.</summary>
    internal static List<TextMatch> FindNormalized(string text)
    {
        var found = new List<TextMatch>();
        foreach (var run in DigitRuns.Find(text, MaxSeparatorRun))
        {
            FindInRun(text, run, found);
        }

        return found;
    }

    /// <summary>The Luhn (mod 10) check over the digits of <paramref name="value"/>; other characters are skipped.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> value)
    {
        int sum = 0, digits = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                continue;
            }

            var digit = value[i] - '0';
            if (digits % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            digits++;
        }

        return digits > 0 && sum % 10 == 0;
    }

    /// <summary>
    /// A run such as "4111 1111 1111 1111 123" (a card number followed by a CVV) is tried group by group, longest first,
    /// so the card inside it is still found; a single unbroken group is only ever taken whole.
    /// </summary>
    private static void FindInRun(string text, IReadOnlyList<TextMatch> groups, List<TextMatch> found)
    {
        var first = 0;
        while (first < groups.Count)
        {
            var matched = false;
            for (var last = groups.Count - 1; last >= first; last--)
            {
                var digits = 0;
                for (var g = first; g <= last; g++)
                {
                    digits += groups[g].Length;
                }

                if (digits is < MinDigits or > MaxDigits)
                {
                    continue;
                }

                var start = groups[first].Start;
                var end = groups[last].End;
                if (IsLuhnValid(text.AsSpan(start, end - start)))
                {
                    found.Add(new TextMatch(start, end - start));
                    first = last + 1;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                first++;
            }
        }
    }
}

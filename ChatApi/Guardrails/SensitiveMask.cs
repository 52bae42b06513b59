namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Masks a number in place: every letter or digit except the last four becomes <see cref="MaskChar"/>; spaces and
/// dashes stay, so the length (and every other match's position) is unchanged — "4111 1111 1111 1111" becomes
/// "**** **** **** 1111".
/// </summary>
public static class SensitiveMask
{
    public const char MaskChar = '*';

    /// <summary>Characters left visible at the end, as on a card receipt.</summary>
    public const int VisibleTail = 4;

    internal static void Apply(Span<char> text, TextMatch match)
    {
        var part = text.Slice(match.Start, match.Length);
        var keep = VisibleTail;
        for (var i = part.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiLetterOrDigit(part[i]))
            {
                continue;
            }

            if (keep > 0)
            {
                keep--;
            }
            else
            {
                part[i] = MaskChar;
            }
        }
    }

    /// <summary>Masks every card and account number in <paramref name="text"/> (what feedback comments are stored as).</summary>
    public static string MaskNumbers(string text)
    {
        var matches = CardNumbers.Find(text).Concat(AccountNumbers.Find(text)).ToList();
        if (matches.Count == 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        foreach (var match in matches)
        {
            Apply(chars, match);
        }

        return new string(chars);
    }
}

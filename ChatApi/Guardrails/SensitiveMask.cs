using System.Text;
using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Masks a number in place, in the original text: every letter or digit except the last four becomes
/// <see cref="MaskChar"/>; separators and invisible characters stay, so the length (and every other match's position)
/// is unchanged and the shape stays readable — "4111.1111.1111.1111" becomes "****.****.****.1111", full-width digits
/// are masked like ASCII ones.
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
        var i = part.Length;
        while (i > 0)
        {
            // Runes, so a digit outside the BMP (mathematical digits) is masked as one character.
            if (Rune.DecodeLastFromUtf16(part[..i], out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                i--;
                continue;
            }

            i -= length;
            if (!Rune.IsLetterOrDigit(rune))
            {
                continue;
            }

            if (keep > 0)
            {
                keep--;
            }
            else
            {
                part.Slice(i, length).Fill(MaskChar);
            }
        }
    }

    /// <summary>Masks every card and account number in <paramref name="text"/> (what feedback comments are stored as).</summary>
    public static string MaskNumbers(string text)
    {
        var checkedText = new GuardrailText(text);
        var matches = CardNumbers.Find(checkedText).Concat(AccountNumbers.Find(checkedText)).ToList();
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

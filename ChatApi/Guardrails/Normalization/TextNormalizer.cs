using System.Globalization;
using System.Text;

namespace LlmReference.ChatApi.Guardrails.Normalization;

/// <summary>
/// What every guardrail judges instead of the raw text: Unicode compatibility folding as NFKC does it, for every
/// character whose NFKD form is ASCII (full-width letters and digits, ligatures, mathematical and circled letters;
/// the table is <see cref="CompatibilityFolding"/>, data because the app runs with InvariantGlobalization, where
/// <see cref="string.Normalize()"/> leaves non-ASCII text alone), format characters removed (zero-width spaces and joiners, bidi controls, soft hyphens, variation
/// selectors, fillers), diacritics dropped (so "précédentes" and "precedentes" read the same), Cyrillic and Greek look-alike
/// letters folded to Latin, and every decimal digit (Arabic-Indic, Devanagari …) written as an ASCII digit. Each character
/// of the result remembers which characters of the original it came from, so a match maps back to the original and
/// masking keeps the original's shape.
/// </summary>
public static class TextNormalizer
{
    public static NormalizedText Normalize(string original)
    {
        var text = new StringBuilder(original.Length);
        var starts = new List<int>(original.Length);
        var ends = new List<int>(original.Length);
        var elements = StringInfo.GetTextElementEnumerator(original);
        while (elements.MoveNext())
        {
            var start = elements.ElementIndex;
            var element = (string)elements.Current;
            var end = start + element.Length;
            if (element.Length == 1 && char.IsAscii(element[0]))
            {
                Append(text, starts, ends, element[0], start, end);
                continue;
            }

            var visible = Visible(element);
            if (visible.Length == 0)
            {
                continue;
            }

            // Compatibility-decompose (from data: InvariantGlobalization leaves string.Normalize a no-op for non-ASCII),
            // drop the combining marks, then fold what is left character by character.
            foreach (var rune in visible.EnumerateRunes())
            {
                var category = Rune.GetUnicodeCategory(rune);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
                {
                    continue;
                }

                if (CompatibilityFolding.Map.TryGetValue(rune.Value, out var folded))
                {
                    foreach (var c in folded)
                    {
                        Append(text, starts, ends, Fold(c, char.GetUnicodeCategory(c)), start, end);
                    }
                }
                else if (rune.IsBmp)
                {
                    Append(text, starts, ends, Fold((char)rune.Value, category), start, end);
                }
                else
                {
                    // Outside the BMP and without a folding: kept as its two UTF-16 units.
                    foreach (var unit in rune.ToString())
                    {
                        Append(text, starts, ends, unit, start, end);
                    }
                }
            }
        }

        return new NormalizedText(original, text.ToString(), [.. starts], [.. ends]);
    }

    /// <summary>Whether <paramref name="c"/> is invisible: a format character (Cf) or one of the invisible fillers and selectors.</summary>
    public static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u034F' or '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u180E' or (>= '\uFE00' and <= '\uFE0F');

    /// <summary>One BMP character as the normaliser would read it, when that is one character (for stream hold-backs).</summary>
    public static char FoldChar(char c) =>
        CompatibilityFolding.Map.TryGetValue(c, out var folded) && folded.Length == 1
            ? Fold(folded[0], char.GetUnicodeCategory(folded[0]))
            : Fold(c, char.GetUnicodeCategory(c));

    private static string Visible(string element)
    {
        var builder = new StringBuilder(element.Length);
        for (var i = 0; i < element.Length; i++)
        {
            var c = element[i];
            // Tag characters and the supplementary variation selectors are surrogate pairs of category Format.
            if (char.IsHighSurrogate(c) && i + 1 < element.Length && CharUnicodeInfo.GetUnicodeCategory(element, i) == UnicodeCategory.Format)
            {
                i++;
                continue;
            }

            if (!IsInvisible(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static char Fold(char c, UnicodeCategory category)
    {
        if (category == UnicodeCategory.DecimalDigitNumber && CharUnicodeInfo.GetDecimalDigitValue(c) is var digit and >= 0)
        {
            return (char)('0' + digit);
        }

        if (Confusables.TryGetValue(c, out var latin))
        {
            return latin;
        }

        return category switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => ' ',
            UnicodeCategory.DashPunctuation => '-',
            _ => c,
        };
    }

    private static void Append(StringBuilder text, List<int> starts, List<int> ends, char c, int start, int end)
    {
        text.Append(c);
        starts.Add(start);
        ends.Add(end);
    }

    /// <summary>
    /// Cyrillic and Greek letters that look like Latin ones (from Unicode's confusables list, the letters that matter for
    /// the words the rules look for), plus the dotless i and a few Latin variants NFKD leaves alone.
    /// </summary>
    private static readonly Dictionary<char, char> Confusables = new()
    {
        // Cyrillic lower case
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k',
        ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's',
        ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ɡ'] = 'g', ['ո'] = 'n', ['ս'] = 'u', ['ɑ'] = 'a',
        // Cyrillic upper case
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['Ё'] = 'E', ['І'] = 'I', ['Ї'] = 'I', ['Ј'] = 'J', ['К'] = 'K', ['М'] = 'M',
        ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['Ѕ'] = 'S', ['Ԁ'] = 'D',
        ['Ԛ'] = 'Q', ['Ԝ'] = 'W',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't',
        ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['ω'] = 'w',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
        // Latin letters NFKD does not fold
        ['ı'] = 'i', ['ł'] = 'l', ['Ł'] = 'L', ['ø'] = 'o', ['Ø'] = 'O', ['đ'] = 'd', ['Đ'] = 'D', ['ß'] = 's', ['ſ'] = 's',
        ['ɩ'] = 'i', ['ʟ'] = 'L',
    };
}

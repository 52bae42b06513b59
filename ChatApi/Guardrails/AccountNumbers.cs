using System.Text.RegularExpressions;
using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Finds bank account numbers in the normalised text: IBANs (any case, any separators, the country's registered
/// length and a valid mod-97 checksum), a UK sort code followed by an 8-digit account number, and an 8-digit number
/// introduced as an account number ("account no. 12345678"). A bare 8-digit number is left alone: without the context
/// it is as likely an order or transaction reference.
/// </summary>
public static class AccountNumbers
{
    /// <summary>Shortest IBAN (Norway) without spaces.</summary>
    public const int MinIbanLength = 15;

    public const int MaxIbanLength = 34;

    internal static IReadOnlyList<TextMatch> Find(GuardrailText text) =>
        [.. FindNormalized(text.Normalized.Text).Select(text.Normalized.ToOriginal)];

    internal static List<TextMatch> FindNormalized(string text)
    {
        var found = FindIbans(text);

        // Only the account number part is masked; the sort code identifies a branch, not a customer.
        foreach (var match in TextMatch.All(SortCodeAndAccount, text).Concat(TextMatch.All(IntroducedAccount, text)))
        {
            if (!found.Any(f => f.Start <= match.Start && match.End <= f.End))
            {
                found.Add(match);
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="code"/> (two upper-case letters) is a country with IBANs.</summary>
    internal static bool IsIbanCountry(ReadOnlySpan<char> code) => IbanLengths.ContainsKey(new string(code));

    /// <summary>ISO 13616 check: move the first four characters to the end, letters to numbers, the remainder mod 97 is 1.</summary>
    public static bool IsIbanValid(ReadOnlySpan<char> compact)
    {
        if (compact.Length is < MinIbanLength or > MaxIbanLength)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < compact.Length; i++)
        {
            var c = char.ToUpperInvariant(compact[(i + 4) % compact.Length]);
            if (char.IsAsciiDigit(c))
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>
    /// A scan for two letters and two digits at the start of a word, then letters and digits across separators (at most
    /// two in a row) up to the country's IBAN length. The registered length is what keeps ordinary lower-case words
    /// from passing: only one prefix per candidate is checked, and at least half its characters must be digits.
    /// </summary>
    private static List<TextMatch> FindIbans(string text)
    {
        var found = new List<TextMatch>();
        Span<char> compact = stackalloc char[MaxIbanLength];
        for (var i = 0; i + 4 <= text.Length; i++)
        {
            if (!(char.IsAsciiLetter(text[i]) && char.IsAsciiLetter(text[i + 1])) || (i > 0 && char.IsLetterOrDigit(text[i - 1])))
            {
                continue;
            }

            var country = string.Concat(char.ToUpperInvariant(text[i]), char.ToUpperInvariant(text[i + 1]));
            if (!IbanLengths.TryGetValue(country, out var length))
            {
                continue;
            }

            var count = 0;
            var end = i;
            for (var j = i; j < text.Length && count < length; j++)
            {
                if (char.IsAsciiLetterOrDigit(text[j]))
                {
                    compact[count++] = text[j];
                    end = j + 1;
                }
                else if (!(DigitRuns.IsSeparator(text[j]) && j - end < 2 && j > i))
                {
                    break;
                }
            }

            // The IBAN must end where a word ends ("...7654 32" but not the "32" of "3212").
            var digits = 0;
            foreach (var c in compact[..count])
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            }

            if (count == length && char.IsAsciiDigit(compact[2]) && char.IsAsciiDigit(compact[3]) && digits * 2 >= length
                && (end == text.Length || !char.IsAsciiDigit(text[end])) && IsIbanValid(compact[..count]))
            {
                found.Add(new TextMatch(i, end - i));
                i = end - 1;
            }
        }

        return found;
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Regex SortCodeAndAccount = new(
        @"\b\d{2}[- ]?\d{2}[- ]?\d{2}\b[\s,;/]{0,4}(?:(?:account|acct|acc|a/c|konto|cuenta|compte)(?:\s*(?:number|no\.?|nr\.?|#))?\s*(?::|is|=)?\s*)?(?<n>\b\d{8}\b)",
        Options, GuardrailRules.MatchTimeout);

    private static readonly Regex IntroducedAccount = new(
        @"\b(?:account|acct|acc|a/c|konto|kontonummer|cuenta|compte)(?:\s*(?:number|no\.?|nr\.?|#|numero|n°))?\s*(?::|is|=|ist|es|est)?\s*(?<n>\b\d{8}\b)",
        Options, GuardrailRules.MatchTimeout);

    /// <summary>IBAN length by country (SWIFT IBAN registry).</summary>
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28,
        ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22,
        ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23,
        ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    };
}

using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Finds bank account numbers: IBANs whose mod-97 checksum holds, a UK sort code followed by an 8-digit account number,
/// and an 8-digit number introduced as an account number ("account no. 12345678"). A bare 8-digit number is left
/// alone: without the context it is as likely an order or transaction reference.
/// </summary>
public static partial class AccountNumbers
{
    /// <summary>Shortest IBAN (Norway) without spaces.</summary>
    public const int MinIbanLength = 15;

    internal static IReadOnlyList<TextMatch> Find(string text)
    {
        var found = new List<TextMatch>();
        foreach (Match candidate in IbanCandidate().Matches(text))
        {
            if (LongestValidIban(text, candidate) is { } iban)
            {
                found.Add(iban);
            }
        }

        // Only the account number part is masked; the sort code identifies a branch, not a customer.
        foreach (var match in TextMatch.All(SortCodeAndAccount(), text).Concat(TextMatch.All(IntroducedAccount(), text)))
        {
            if (!found.Any(f => f.Start <= match.Start && match.End <= f.End))
            {
                found.Add(match);
            }
        }

        return found;
    }

    /// <summary>ISO 13616 check: move the first four characters to the end, letters to numbers, the remainder mod 97 is 1.</summary>
    public static bool IsIbanValid(ReadOnlySpan<char> compact)
    {
        if (compact.Length < MinIbanLength || compact.Length > 34)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < compact.Length; i++)
        {
            var c = compact[(i + 4) % compact.Length];
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
    /// The candidate pattern is greedy and may run into a following upper-case word ("… 7654 32 THEN"), so shorter
    /// prefixes are tried until one has a valid checksum.
    /// </summary>
    private static TextMatch? LongestValidIban(string text, Match candidate)
    {
        var positions = new List<int>();
        var compact = new List<char>();
        for (var i = candidate.Index; i < candidate.Index + candidate.Length; i++)
        {
            if (text[i] != ' ')
            {
                positions.Add(i);
                compact.Add(text[i]);
            }
        }

        var chars = compact.ToArray();
        for (var length = chars.Length; length >= MinIbanLength; length--)
        {
            if (IsIbanValid(chars.AsSpan(0, length)))
            {
                return new TextMatch(candidate.Index, positions[length - 1] - candidate.Index + 1);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex IbanCandidate();

    [GeneratedRegex(
        @"(?<!\d)\d{2}[- ]?\d{2}[- ]?\d{2}(?!\d)[\s,;/]{0,4}(?:(?:account|acct|acc|a/c)(?:\s*(?:number|no\.?|#))?\s*(?::|is|=)?\s*)?(?<n>(?<!\d)\d{8}(?!\d))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex SortCodeAndAccount();

    [GeneratedRegex(
        @"\b(?:account|acct|acc|a/c)(?:\s*(?:number|no\.?|#))?\s*(?::|is|=)?\s*(?<n>(?<!\d)\d{8}(?!\d))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex IntroducedAccount();
}

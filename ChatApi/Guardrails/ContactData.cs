using System.Text.RegularExpressions;
using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// E-mail addresses and phone numbers in a customer's message (input only: replies carry the bank's own contact
/// numbers and addresses, which must stay readable). The policy is <c>Guardrails:EmailAddresses</c> and
/// <c>Guardrails:PhoneNumbers</c> (default Mask: the assistant cannot change contact details, so the model never
/// needs them). Logs mask both whatever the policy (<see cref="Compliance.PiiRedactor"/>).
/// </summary>
internal static class ContactData
{
    /// <summary>Fewest and most digits of a phone number (E.164 allows 15).</summary>
    public const int MinPhoneDigits = 9;

    public const int MaxPhoneDigits = 15;

    public static IReadOnlyList<TextMatch> FindEmails(GuardrailText text) =>
        [.. FindEmailsNormalized(text.Normalized.Text).Select(text.Normalized.ToOriginal)];

    public static IReadOnlyList<TextMatch> FindPhones(GuardrailText text) =>
        [.. FindPhonesNormalized(text.Normalized.Text).Select(text.Normalized.ToOriginal)];

    public static IEnumerable<TextMatch> FindEmailsNormalized(string text) => TextMatch.All(Email, text);

    /// <summary>
    /// A number written as a phone number: international (<c>+</c> or <c>00</c>) or national (a leading <c>0</c> or
    /// <c>(</c>), or any digit run introduced by "phone", "mobile", "tel" …; 9-15 digits in all. Dates, amounts and
    /// references that start with another digit pass.
    /// </summary>
    public static IEnumerable<TextMatch> FindPhonesNormalized(string text)
    {
        foreach (var match in TextMatch.All(Phone, text).Concat(TextMatch.All(IntroducedPhone, text)))
        {
            var digits = 0;
            foreach (var c in text.AsSpan(match.Start, match.Length))
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            }

            if (digits is >= MinPhoneDigits and <= MaxPhoneDigits)
            {
                yield return match;
            }
        }
    }

    /// <summary>Hides the local part of an address and keeps the domain: "jane.doe@example.com" → "****.***@example.com".</summary>
    public static void MaskEmail(Span<char> text, TextMatch match)
    {
        var part = text.Slice(match.Start, match.Length);
        for (var i = 0; i < part.Length && part[i] != '@'; i++)
        {
            if (char.IsLetterOrDigit(part[i]))
            {
                part[i] = SensitiveMask.MaskChar;
            }
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Regex Email = new(@"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", Options, GuardrailRules.MatchTimeout);

    private static readonly Regex Phone = new(@"(?:\+|\b00|\(0?|\b0)\d[\d ().\-/]{6,22}\d\b", Options, GuardrailRules.MatchTimeout);

    private static readonly Regex IntroducedPhone = new(
        @"\b(?:phone|telephone|tel|mobile|cell|handy|telefon|telefono|movil|portable|whatsapp)\b[^\d\n]{0,20}(?<n>\d[\d ().\-/]{6,22}\d)\b",
        Options, GuardrailRules.MatchTimeout);
}

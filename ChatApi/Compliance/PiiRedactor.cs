using System.Text;
using LlmReference.ChatApi.Guardrails;
using LlmReference.ChatApi.Guardrails.Normalization;
using Microsoft.Extensions.Compliance.Redaction;

namespace LlmReference.ChatApi.Compliance;

/// <summary>
/// The redactor for <see cref="CustomerDataTaxonomy.CustomerText"/>: replaces card numbers, account numbers (IBAN,
/// sort code and account), e-mail addresses and phone numbers inside free text with a marker and keeps the rest
/// readable, so a Trace log of a prompt is still useful for debugging without holding PII. It finds them with the
/// guardrails' own detectors on the normalised text, so a number the chat policy would mask (dotted, zero-width,
/// full-width) is not logged in clear either; unlike the chat policy it masks e-mail and phone numbers always.
/// </summary>
public sealed class PiiRedactor : Redactor
{
    public const string CardMask = "[card]";
    public const string AccountMask = "[account]";
    public const string EmailMask = "[email]";
    public const string PhoneMask = "[phone]";

    public static string Mask(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var found = new List<(TextMatch Where, string Marker)>();
        Add(found, normalized, CardNumbers.FindNormalized(normalized.Text), CardMask);
        Add(found, normalized, AccountNumbers.FindNormalized(normalized.Text), AccountMask);
        Add(found, normalized, ContactData.FindEmailsNormalized(normalized.Text), EmailMask);
        Add(found, normalized, ContactData.FindPhonesNormalized(normalized.Text), PhoneMask);
        if (found.Count == 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (where, marker) in found.OrderBy(f => f.Where.Start))
        {
            if (where.Start < position)
            {
                continue;
            }

            masked.Append(text, position, where.Start - position).Append(marker);
            position = where.End;
        }

        return masked.Append(text, position, text.Length - position).ToString();
    }

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Mask(input.ToString()).Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        var masked = Mask(source.ToString());
        masked.AsSpan().CopyTo(destination);
        return masked.Length;
    }

    /// <summary>Adds matches (normalised coordinates) as original ranges, skipping any that overlap one found before.</summary>
    private static void Add(List<(TextMatch Where, string Marker)> found, NormalizedText normalized, IEnumerable<TextMatch> matches, string marker)
    {
        foreach (var match in matches.Select(normalized.ToOriginal))
        {
            if (!found.Any(f => f.Where.Start < match.End && match.Start < f.Where.End))
            {
                found.Add((match, marker));
            }
        }
    }
}

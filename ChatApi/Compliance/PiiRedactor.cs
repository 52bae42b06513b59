using System.Text.RegularExpressions;
using Microsoft.Extensions.Compliance.Redaction;

namespace LlmReference.ChatApi.Compliance;

/// <summary>
/// Masks card numbers, e-mail addresses and phone numbers inside free text and keeps the rest readable, so a Trace
/// log of a prompt is still useful for debugging without holding PII.
/// </summary>
public sealed partial class PiiRedactor : Redactor
{
    public const string CardMask = "[card]";
    public const string EmailMask = "[email]";
    public const string PhoneMask = "[phone]";

    public static string Mask(string text)
    {
        var masked = CardNumber().Replace(text, CardMask);
        masked = Email().Replace(masked, EmailMask);
        return Phone().Replace(masked, PhoneMask);
    }

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Mask(input.ToString()).Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        var masked = Mask(source.ToString());
        masked.AsSpan().CopyTo(destination);
        return masked.Length;
    }

    /// <summary>13-19 digits, optionally grouped by spaces or dashes (PAN formats).</summary>
    [GeneratedRegex(@"\b(?:\d[ -]?){12,18}\d\b", RegexOptions.CultureInvariant)]
    private static partial Regex CardNumber();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    /// <summary>International or national numbers with at least 8 digits, allowing spaces, dashes, dots and brackets.</summary>
    [GeneratedRegex(@"(?<!\w)\+?\(?\d[\d ().-]{6,}\d(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}

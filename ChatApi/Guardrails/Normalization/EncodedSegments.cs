using System.Buffers.Text;
using System.Text;

namespace LlmReference.ChatApi.Guardrails.Normalization;

/// <summary>A part of the text (in normalised coordinates) that was base64 or hex, and what it said.</summary>
internal sealed record DecodedSegment(TextMatch Where, NormalizedText Text);

/// <summary>
/// Finds base64 (standard or URL-safe) and hexadecimal segments that decode to readable UTF-8 text, so an instruction
/// smuggled as "aWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM=" is judged like the words it encodes. One level deep:
/// text encoded twice stays unread (a known limit, in the README).
/// </summary>
internal static class EncodedSegments
{
    /// <summary>Shortest segment worth decoding: 16 base64 characters are 12 bytes, 16 hex digits 8 bytes.</summary>
    public const int MinLength = 16;

    /// <summary>At most this many segments per text are decoded, so a message of random tokens costs a bounded amount.</summary>
    public const int MaxSegments = 16;

    public static IReadOnlyList<DecodedSegment> Decode(string text)
    {
        List<DecodedSegment>? found = null;
        var i = 0;
        var tried = 0;
        while (i < text.Length && tried < MaxSegments)
        {
            if (!IsBase64Char(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (IsBase64Char(text[i]) || (text[i] == ' ' && IsHexPairRun(text, start, i))))
            {
                i++;
            }

            var end = i;
            while (end > start && text[end - 1] == ' ')
            {
                end--;
            }

            if (end - start < MinLength)
            {
                continue;
            }

            tried++;
            var segment = text[start..end];
            if (TryDecode(segment) is { } decoded)
            {
                (found ??= []).Add(new DecodedSegment(new TextMatch(start, end - start), TextNormalizer.Normalize(decoded)));
            }
        }

        return found ?? (IReadOnlyList<DecodedSegment>)[];
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_';

    /// <summary>Hex written in spaced pairs ("69 67 6e 6f") continues over a space; base64 does not.</summary>
    private static bool IsHexPairRun(string text, int start, int space) =>
        space - start >= 2 && char.IsAsciiHexDigit(text[space - 1]) && char.IsAsciiHexDigit(text[space - 2])
        && (space - 2 == start || text[space - 3] == ' ')
        && space + 2 < text.Length && char.IsAsciiHexDigit(text[space + 1]) && char.IsAsciiHexDigit(text[space + 2]);

    private static string? TryDecode(string segment)
    {
        var compact = segment.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length % 2 == 0 && compact.All(char.IsAsciiHexDigit) && compact.Any(char.IsAsciiLetter))
        {
            return Readable(Convert.FromHexString(compact));
        }

        if (segment.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var standard = segment.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(standard.Length)];
        return Convert.TryFromBase64String(standard, bytes, out var written) ? Readable(bytes.AsSpan(0, written)) : null;
    }

    /// <summary>Decoded bytes count as text when they are valid UTF-8 without control characters and at least 40 % letters.</summary>
    private static string? Readable(ReadOnlySpan<byte> bytes)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        // Text, not binary: no control characters but line breaks and tabs, and mostly letters.
        var letters = decoded.Count(char.IsLetter);
        return decoded.Length > 0 && !decoded.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) && letters * 5 >= decoded.Length * 2
            ? decoded
            : null;
    }
}

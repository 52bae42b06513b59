using System.Globalization;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// Rejects control characters in free text (a chat message, a feedback comment). JSON lets a client escape any of
/// them (<c>\u0000</c>), but none belongs in a human's text: a NUL or an escape sequence reaches the model, the logs
/// and Redis, and can truncate or garble what other tools show. Tab, line feed and carriage return are ordinary text.
/// </summary>
public static class ControlCharacters
{
    /// <summary>A field error naming the first disallowed character and its index, or null when the text is clean.</summary>
    public static string? Find(string text, string field)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The {field} contains the control character U+{(int)c:X4} at index {i}; only tab, line feed and carriage return are allowed.");
            }
        }

        return null;
    }
}

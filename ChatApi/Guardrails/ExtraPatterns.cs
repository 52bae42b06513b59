using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Operator-supplied patterns (<see cref="GuardrailRuleOptions.ExtraPatterns"/>). They come from configuration, so they
/// run on the NonBacktracking engine: matching time stays linear in the text whatever the pattern, no ReDoS.
/// </summary>
public static class ExtraPatterns
{
    public const int MaxCount = 50;
    public const int MaxLength = 500;

    private static readonly TimeSpan Timeout = GuardrailRules.MatchTimeout;

    /// <summary>Compiles a pattern; throws <see cref="ArgumentException"/> or <see cref="NotSupportedException"/> for one that cannot run.</summary>
    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);

    /// <summary>Why <paramref name="pattern"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "is empty";
        }

        if (pattern.Length > MaxLength)
        {
            return $"is {pattern.Length} characters; the limit is {MaxLength}";
        }

        try
        {
            // A pattern that matches empty text would match every message.
            return Compile(pattern).IsMatch(string.Empty) ? "matches empty text, so it would match every message" : null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return $"is not a usable pattern ({ex.Message})";
        }
    }
}

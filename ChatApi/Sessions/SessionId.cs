using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Sessions;

/// <summary>Session ids are client-visible Redis key parts, so their shape is fixed: 1-64 of <c>[A-Za-z0-9_-]</c>.</summary>
public static partial class SessionId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>A new, unguessable session id (32 hex characters).</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

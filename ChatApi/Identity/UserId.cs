using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Identity;

/// <summary>User ids become parts of Redis keys and metric-free log fields, so their shape is fixed: 1-64 of <c>[A-Za-z0-9_-]</c>.</summary>
public static partial class UserId
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

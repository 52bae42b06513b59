using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Identity;

/// <summary>
/// Who may call ChatApi, bound from the <c>Auth</c> section. Keys are stored only as SHA-256 hashes
/// (<c>printf %s "$KEY" | sha256sum</c>), each mapped to a user id; the keys themselves must be long random strings.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    /// <summary>Accepted API keys, as hashes with the user each one identifies. Default: none.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>
    /// Also accept an unauthenticated <c>X-User-Id</c> header naming the caller, so the chat page and curl work
    /// without setup. Default: false; appsettings.Development.json turns it on. Never enable it in production.
    /// </summary>
    public bool AllowUserIdHeader { get; set; }
}

/// <summary>One accepted API key.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The caller this key identifies (1-64 of <c>[A-Za-z0-9_-]</c>); budgets and sessions are per user.</summary>
    [Required]
    public string UserId { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the key (64 characters).</summary>
    [Required]
    public string KeyHash { get; set; } = "";
}

using System.Security.Cryptography;
using System.Text.Json;

namespace LlmReference.ChatApi.Caching;

/// <summary>
/// The cache key: a SHA-256 over everything that shapes the answer — model, system prompt, generation options, the
/// tool set's fingerprint and the message — so a change to any of them can never serve a stale answer.
/// </summary>
public static class ResponseCacheKey
{
    public const string KeyPrefix = "chat:cache:";

    /// <summary>Fingerprint of the tool set offered to the model; there are no tools yet.</summary>
    public const string NoTools = "tools:none";

    public static string For(string model, string systemPrompt, int maxOutputTokens, string toolFingerprint, string message)
    {
        // JSON keeps the parts unambiguous (no separator can be smuggled in through the message).
        var material = JsonSerializer.SerializeToUtf8Bytes(new[] { "v1", model, systemPrompt, maxOutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), toolFingerprint, message });
        return KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(material));
    }

    /// <summary>True when the request's <c>Cache-Control</c> asks to skip cached answers.</summary>
    public static bool IsBypassRequested(string? cacheControl) =>
        cacheControl?.Contains(ResponseCacheOptions.BypassDirective, StringComparison.OrdinalIgnoreCase) == true;
}

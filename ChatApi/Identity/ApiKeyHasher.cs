using System.Security.Cryptography;
using System.Text;

namespace LlmReference.ChatApi.Identity;

/// <summary>
/// SHA-256 of an API key. A fast hash is sufficient for long random keys (what GitHub and cloud providers store);
/// comparison is constant-time.
/// </summary>
public static class ApiKeyHasher
{
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public static bool Matches(string apiKey, string keyHash)
    {
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return keyHash.Length == 64 && CryptographicOperations.FixedTimeEquals(actual, Convert.FromHexString(keyHash));
    }
}

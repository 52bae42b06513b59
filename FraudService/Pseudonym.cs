using System.Security.Cryptography;
using System.Text;

namespace LlmReference.FraudService;

/// <summary>
/// Stable, non-reversible stand-ins for customer ids in logs and spans: the same customer gets the same token, so
/// an engineer can follow one customer's traffic without the logs holding the id itself.
/// </summary>
public static class Pseudonym
{
    /// <summary>First 12 hex digits of SHA-256 of the id, prefixed <c>c_</c>.</summary>
    public static string Of(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(customerId), hash);
        return string.Concat("c_", Convert.ToHexStringLower(hash[..6]));
    }
}

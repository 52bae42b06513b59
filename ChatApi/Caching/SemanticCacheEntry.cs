using System.Runtime.InteropServices;

namespace LlmReference.ChatApi.Caching;

/// <summary>
/// One semantic-cache candidate: the question's embedding (not its text: prompts carry customer data) and the answer.
/// The vector is kept as its float32 bytes (base64 in JSON, about 1.4 KB at 256 dimensions) rather than a JSON number
/// array (about twice that), since a lookup reads every candidate of the scope.
/// </summary>
public sealed record SemanticCacheEntry(byte[] Vector, CachedAnswer Answer, DateTimeOffset StoredAt)
{
    public static SemanticCacheEntry Create(float[] vector, CachedAnswer answer, DateTimeOffset storedAt) =>
        new(MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(), answer, storedAt);

    public ReadOnlySpan<float> AsFloats() => MemoryMarshal.Cast<byte, float>(Vector);
}

/// <summary>A semantic-cache hit and how close the question was.</summary>
public sealed record SemanticCacheHit(CachedAnswer Answer, double Similarity);

namespace LlmReference.ModelServer.Embeddings;

/// <summary>
/// A deterministic text embedding: a hashed bag of normalised words and character trigrams, projected to a fixed
/// dimension with signed feature hashing and L2-normalised. Paraphrases share words and sub-words, so they score
/// closer (cosine) than unrelated texts; the same text always gives the same vector, in any process.
/// </summary>
internal static class HashedEmbedder
{
    private const float WordWeight = 1.0f;
    private const float TrigramWeight = 0.35f;

    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        var words = TextFeatures.Words(text);
        if (words.Count == 0)
        {
            // Only stop words or punctuation: fall back to the raw text, so every input still gets a unit vector.
            words = [text.Trim().ToLowerInvariant()];
        }

        foreach (var word in words)
        {
            Add(vector, "w:" + word, WordWeight);
            var padded = "#" + word + "#";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, "c:" + padded.Substring(i, 3), TrigramWeight);
            }
        }

        Normalise(vector);
        return vector;
    }

    /// <summary>Cosine similarity of two unit vectors (their dot product).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var dot = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    /// <summary>Keeps the first <paramref name="dimensions"/> components and renormalises, as OpenAI's <c>dimensions</c> does.</summary>
    public static float[] Shorten(float[] vector, int dimensions)
    {
        var shortened = vector[..dimensions];
        Normalise(shortened);
        return shortened;
    }

    private static void Add(float[] vector, string feature, float weight)
    {
        var hash = Fnv1a(feature);
        var index = (int)(hash % (ulong)vector.Length);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }

    // FNV-1a: stable across processes and runtimes, unlike string.GetHashCode.
    private static ulong Fnv1a(string feature)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in feature)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        // Final avalanche so that the sign bit and the index bits are well mixed.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }

    private static void Normalise(float[] vector)
    {
        var sum = 0d;
        foreach (var v in vector)
        {
            sum += v * v;
        }

        if (sum > 0)
        {
            var norm = (float)Math.Sqrt(sum);
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }
    }
}

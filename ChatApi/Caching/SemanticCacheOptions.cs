using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Caching;

/// <summary>
/// Optional semantic response cache (<c>ResponseCache:Semantic</c>): a new first message whose embedding is close
/// enough to an earlier one's is answered with the earlier answer. Same eligibility as the exact cache (single-turn,
/// and an answer that used a tool is never stored). Off by default: a paraphrase is not always the same question.
/// </summary>
public sealed class SemanticCacheOptions
{
    public const string SectionName = "ResponseCache:Semantic";

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client for embedding calls (service discovery, standard resilience).</summary>
    public const string HttpClientName = "llm-embeddings";

    /// <summary>Use the semantic cache (only when <c>ResponseCache:Enabled</c> is true too). Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Embedding model on the primary deployment's endpoint (<c>/v1/embeddings</c>). Default: <c>bank-embed-small</c>.</summary>
    [Required]
    public string EmbeddingModel { get; set; } = "bank-embed-small";

    /// <summary>Lowest cosine similarity between two messages that counts as the same question. Default: 0.9.</summary>
    [Range(0.5, 1.0)]
    public double SimilarityThreshold { get; set; } = 0.9;

    /// <summary>
    /// Longest wait for an embedding; a slower (or failed) embedding is a cache miss, not a retry. Default: 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan EmbeddingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most entries kept (and scanned) per cache scope — model, system prompt, options and tool set. Garnet and plain
    /// Redis have no vector search, so a lookup reads the scope's newest entries and compares them here; the bound keeps
    /// that read small (about 1.5 KB per entry at 256 dimensions, plus the answer). Default: 200.
    /// </summary>
    [Range(1, 5000)]
    public int MaxCandidates { get; set; } = 200;
}

using System.Text.Json;
using LlmReference.ModelServer.Embeddings;

namespace LlmReference.ModelServer.Knowledge;

/// <summary>
/// The built-in knowledge (bank products, fees, card security, disputes, fraud alerts, the app and its runbooks), loaded once
/// from the embedded <c>Knowledge/knowledge.json</c>. Retrieval scores each entry against a text by embedding similarity plus
/// a bonus per keyword phrase the text contains.
/// </summary>
internal sealed class KnowledgeBase
{
    private const int Dimensions = 512;
    private const float KeywordBonus = 0.2f;

    /// <summary>Below this score a text is taken to be about none of the entries.</summary>
    public const float MatchThreshold = 0.22f;

    private readonly (KnowledgeEntry Entry, float[] Vector)[] _entries;

    public KnowledgeBase()
    {
        using var stream = typeof(KnowledgeBase).Assembly.GetManifestResourceStream("LlmReference.ModelServer.Knowledge.knowledge.json")
            ?? throw new InvalidOperationException("The embedded knowledge base is missing from the assembly.");
        var file = JsonSerializer.Deserialize(stream, KnowledgeJsonContext.Default.KnowledgeFile)
            ?? throw new InvalidOperationException("The embedded knowledge base is empty.");

        _entries = [.. file.Entries.Select(e => (e, HashedEmbedder.Embed($"{e.Topic} {string.Join(' ', e.Keywords)} {e.Text}", Dimensions)))];
        Fallbacks = file.Fallbacks;
        Openers = file.Openers;
    }

    public IReadOnlyList<KnowledgeEntry> Entries => [.. _entries.Select(e => e.Entry)];

    public IReadOnlyList<string> Fallbacks { get; }

    public IReadOnlyList<string> Openers { get; }

    /// <summary>Every entry's relevance to <paramref name="text"/>, in entry order.</summary>
    public float[] Score(string text)
    {
        var query = HashedEmbedder.Embed(text, Dimensions);
        var lower = " " + string.Join(' ', text.ToLowerInvariant().Split((char[])[' ', '\t', '\n', '\r', '?', '!', '.', ','], StringSplitOptions.RemoveEmptyEntries)) + " ";
        var scores = new float[_entries.Length];
        for (var i = 0; i < _entries.Length; i++)
        {
            var (entry, vector) = _entries[i];
            var keywordHits = entry.Keywords.Count(k => lower.Contains(" " + k + " ", StringComparison.Ordinal) || lower.Contains(" " + k + "s ", StringComparison.Ordinal));
            scores[i] = HashedEmbedder.Cosine(query, vector) + KeywordBonus * keywordHits;
        }

        return scores;
    }

    /// <summary>The best entry for <paramref name="text"/>, or null when none reaches <see cref="MatchThreshold"/>.</summary>
    public KnowledgeEntry? Best(string text) => BestOf(Score(text));

    public KnowledgeEntry? BestOf(float[] scores)
    {
        var best = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (best < 0 || scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best >= 0 && scores[best] >= MatchThreshold ? _entries[best].Entry : null;
    }
}

using System.Text;

namespace LlmReference.ModelServer.Embeddings;

/// <summary>
/// Normalised words of a text: lower case, stop words dropped, a light suffix stemmer, and a small banking synonym table,
/// so that "block my debit card" and "freeze my card" share features. Used by embeddings and knowledge retrieval.
/// </summary>
internal static class TextFeatures
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are",
        "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "i", "me", "my", "mine", "you", "your", "we",
        "our", "us", "they", "them", "their", "he", "she", "do", "does", "did", "can", "could", "would", "should", "will", "shall",
        "may", "might", "must", "have", "has", "had", "what", "which", "who", "whom", "how", "when", "where", "why", "there",
        "here", "so", "than", "then", "too", "very", "just", "about", "into", "out", "up", "down", "any", "some", "all", "please",
        "hi", "hello", "thanks", "thank", "s", "t", "m", "re", "ve", "ll", "d", "im", "not", "no", "get", "got", "tell", "want",
        "need", "know", "way", "much", "many", "also", "am",
    };

    // Words that mean the same thing in a customer's question; mapped onto one canonical stem.
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["block"] = "freez", ["lock"] = "freez", ["pause"] = "freez", ["freeze"] = "freez", ["frozen"] = "freez", ["suspend"] = "freez",
        ["misplac"] = "lost", ["lose"] = "lost", ["missing"] = "lost", ["stole"] = "stolen", ["theft"] = "stolen",
        ["charg"] = "fee", ["cost"] = "fee", ["price"] = "fee", ["fees"] = "fee", ["commission"] = "fee",
        ["overseas"] = "abroad", ["foreign"] = "abroad", ["international"] = "abroad", ["travel"] = "abroad", ["travell"] = "abroad",
        ["checking"] = "current", ["everyday"] = "current",
        ["saving"] = "savings", ["saver"] = "savings",
        ["fraudulent"] = "fraud", ["suspicious"] = "fraud", ["scam"] = "fraud", ["unauthoris"] = "fraud", ["unauthoriz"] = "fraud",
        ["dodgy"] = "fraud", ["fishy"] = "fraud",
        ["chargeback"] = "disput", ["contest"] = "disput", ["refund"] = "disput",
        ["slow"] = "latency", ["laggy"] = "latency", ["delay"] = "latency",
        ["throttl"] = "ratelimit", ["429"] = "ratelimit", ["quota"] = "ratelimit",
        ["down"] = "outage", ["unavailable"] = "outage", ["503"] = "outage",
        ["transaction"] = "payment", ["purchase"] = "payment", ["transfer"] = "payment",
    };

    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (ch != '\'' && current.Length > 0)
            {
                AddWord(words, current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            AddWord(words, current.ToString());
        }

        return words;
    }

    private static void AddWord(List<string> words, string word)
    {
        if (StopWords.Contains(word))
        {
            return;
        }

        if (Synonyms.TryGetValue(word, out var synonym))
        {
            words.Add(synonym);
            return;
        }

        var stem = Stem(word);
        words.Add(Synonyms.GetValueOrDefault(stem, stem));
    }

    private static string Stem(string word)
    {
        if (word.Length <= 4 || word.All(char.IsDigit))
        {
            return word;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "es", "s", "e"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 4)
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}

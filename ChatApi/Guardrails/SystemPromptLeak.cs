using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// A reply that reproduces the system prompt: any run of <see cref="ShingleWords"/> consecutive words of the prompt
/// (compared as normalised, lower-case words, so punctuation, case, look-alike letters and zero-width characters do
/// not hide it). It catches a leak even when the input rule missed the request; a paraphrase of the prompt is not
/// caught (a known limit). Eight words is long enough that ordinary banking answers never share that many words in a
/// row with the default prompt (the evaluation set and a test over the model server's whole knowledge base check it).
/// </summary>
internal static class SystemPromptLeak
{
    /// <summary>Consecutive prompt words that count as a leak.</summary>
    public const int ShingleWords = 8;

    public static IReadOnlyList<TextMatch> Find(GuardrailText text)
    {
        if (Shingles.Of(text.SystemPrompt) is not { } shingles)
        {
            return [];
        }

        var words = Words(text.Normalized.Text);
        var found = new List<TextMatch>();
        for (var i = 0; i + ShingleWords <= words.Count; i++)
        {
            if (shingles.Contains(Join(words, i, ShingleWords)))
            {
                var start = words[i].Where.Start;
                found.Add(text.Normalized.ToOriginal(new TextMatch(start, words[i + ShingleWords - 1].Where.End - start)));
            }
        }

        return found;
    }

    /// <summary>
    /// Holds back the trailing words of a streamed reply while they are the start of some run of prompt words (an
    /// unfinished last word counts when it is the start of the next prompt word), from its second word on, so a leaked
    /// run is blocked with at most its first word shown.
    /// </summary>
    public static readonly StreamHoldBack HoldBack = static (window, cut, settings, systemPrompt) =>
    {
        if (settings.Action != GuardrailAction.Block || Shingles.Of(systemPrompt) is not { } shingles || cut == 0)
        {
            return cut;
        }

        var normalized = TextNormalizer.Normalize(window[..cut]);
        var words = Words(normalized.Text);
        var open = normalized.Text.Length > 0 && char.IsLetterOrDigit(normalized.Text[^1]);

        // Held from the second word of a run on: the first word alone ("never", "you") is ordinary text, and holding it
        // would stall every stream that pauses after a common word. A leaked run shows at most its first word.
        // Up to seven complete words, plus the one being written: a run of eight complete words is blocked, not held.
        for (var k = Math.Min(open ? ShingleWords : ShingleWords - 1, words.Count); k >= 2; k--)
        {
            var first = words.Count - k;
            var prefix = Join(words, first, k);
            if (shingles.Prefixes.Any(p => open ? p.StartsWith(prefix, StringComparison.Ordinal) : p.StartsWith(prefix + " ", StringComparison.Ordinal)))
            {
                return Math.Min(cut, normalized.ToOriginal(words[first + 1].Where).Start);
            }
        }

        return cut;
    };

    private static string Join(List<Word> words, int first, int count) =>
        string.Join(' ', words.Skip(first).Take(count).Select(w => w.Text));

    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            words.Add(new Word(text[start..i].ToLowerInvariant(), new TextMatch(start, i - start)));
        }

        return words;
    }

    private readonly record struct Word(string Text, TextMatch Where);

    /// <summary>The prompt's word runs, computed once per prompt text (the last one is kept: prompts change rarely).</summary>
    private sealed class Shingles
    {
        private static Shingles? s_last;

        private readonly HashSet<string> _runs;

        private Shingles(string prompt, HashSet<string> runs, string[] prefixes)
        {
            Prompt = prompt;
            _runs = runs;
            Prefixes = prefixes;
        }

        public string Prompt { get; }

        /// <summary>Every run of <see cref="ShingleWords"/> words (the hold-back reads their starts).</summary>
        public string[] Prefixes { get; }

        public bool Contains(string run) => _runs.Contains(run);

        public static Shingles? Of(string? prompt)
        {
            if (string.IsNullOrWhiteSpace(prompt))
            {
                return null;
            }

            if (s_last is { } last && last.Prompt == prompt)
            {
                return last;
            }

            var words = Words(TextNormalizer.Normalize(prompt).Text);
            if (words.Count < ShingleWords)
            {
                return null;
            }

            var runs = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + ShingleWords <= words.Count; i++)
            {
                runs.Add(Join(words, i, ShingleWords));
            }

            var created = new Shingles(prompt, runs, [.. runs]);
            s_last = created;
            return created;
        }
    }
}

using System.Text.RegularExpressions;

namespace LlmReference.ModelServer.Knowledge;

/// <summary>One turn of the conversation as the responder sees it.</summary>
internal sealed record Turn(string Role, string Text);

/// <summary>What the model says, and which knowledge entry it drew on (null for fallbacks).</summary>
internal sealed record Answer(string Text, string? EntryId);

/// <summary>
/// Writes the assistant's answer from the conversation, deterministically for the same turns and seed:
/// <list type="bullet">
/// <item>"what did I just ask?" and similar recall questions name the topic and text of the previous user turn;</item>
/// <item>"tell me more", "go on", "explain that" continue the most recent topic with the entry's further details;</item>
/// <item>any other question is answered from the best-matching entry; a question too vague to match on its own
/// (e.g. "how much does it cost?") borrows relevance from the previous user turn;</item>
/// <item>otherwise a plausible fallback that says what the assistant can help with.</item>
/// </list>
/// The seed only picks the phrasing of an opener and fallback, never the facts.
/// </summary>
internal sealed partial class ConversationResponder(KnowledgeBase knowledge)
{
    private const float CarryOverWeight = 0.6f;

    [GeneratedRegex(@"\b(what (did|do) i (just |first |last )?(ask|say|want)|what was my (last |previous |first |earlier |original )?(question|message)|what (were|are) we (talking|discussing)|what have we (discussed|talked about)|remind me what i (asked|said)|what (was|is) (this|our conversation) about)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecallQuestion();

    [GeneratedRegex(@"\b(tell me more|more about (that|this|it)|more (details?|info|information)|go on|elaborate|explain (that|this|it|further|more)|what else|can you expand|anything else (about|on) (that|this|it)|say more)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ElaborationRequest();

    public Answer Respond(IReadOnlyList<Turn> turns, long seed)
    {
        var userTurns = turns.Where(t => t.Role == "user" && !string.IsNullOrWhiteSpace(t.Text)).Select(t => t.Text).ToList();
        if (userTurns.Count == 0)
        {
            return Fallback("", seed);
        }

        var question = userTurns[^1];
        var earlier = userTurns.Take(userTurns.Count - 1).Reverse().ToList();

        if (RecallQuestion().IsMatch(question))
        {
            return Recall(earlier);
        }

        if (ElaborationRequest().IsMatch(question))
        {
            return Elaborate(earlier, question, seed);
        }

        var scores = knowledge.Score(question);
        var entry = knowledge.BestOf(scores);
        if (entry is null && earlier.Count > 0)
        {
            var previous = knowledge.Score(earlier[0]);
            entry = knowledge.BestOf([.. scores.Select((s, i) => s + CarryOverWeight * previous[i])]);
        }

        return entry is null
            ? Fallback(question, seed)
            : new Answer(Opener(question, seed) + entry.Text, entry.Id);
    }

    private Answer Recall(List<string> earlier)
    {
        if (earlier.Count == 0)
        {
            return new Answer("This is the start of our conversation, so you haven't asked me anything else yet. How can I help?", null);
        }

        var previous = earlier[0];
        var topic = knowledge.Best(previous);
        return topic is null
            ? new Answer($"You just asked: \"{Quote(previous)}\". I'm afraid that is outside what I know about.", null)
            : new Answer($"You just asked about {topic.Topic}: \"{Quote(previous)}\".", topic.Id);
    }

    private Answer Elaborate(List<string> earlier, string question, long seed)
    {
        foreach (var previous in earlier)
        {
            if (knowledge.Best(previous) is { } topic)
            {
                return new Answer($"More on {topic.Topic}: {topic.More}", topic.Id);
            }
        }

        // "Tell me more about overdrafts" names its own topic.
        return knowledge.Best(question) is { } named
            ? new Answer($"More on {named.Topic}: {named.Text} {named.More}", named.Id)
            : Fallback(question, seed);
    }

    private Answer Fallback(string question, long seed) =>
        new(knowledge.Fallbacks[Pick(question, seed, knowledge.Fallbacks.Count)], null);

    private string Opener(string question, long seed) => knowledge.Openers[Pick(question, seed, knowledge.Openers.Count)];

    private static string Quote(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";

    private static int Pick(string text, long seed, int count)
    {
        // FNV-1a over the seed and text: stable across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL ^ (ulong)seed;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return (int)(hash % (ulong)count);
    }
}

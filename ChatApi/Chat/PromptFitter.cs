using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// Makes a prompt fit <c>Chat:MaxPromptTokens</c> by dropping the oldest turns (never the system prompt or the new
/// message); if even those two do not fit, the request is refused with <see cref="PromptTooLargeException"/>.
/// </summary>
public static class PromptFitter
{
    public static (ChatHistory Prompt, int PromptTokens, int DroppedTurns) Fit(ChatHistory prompt, PromptTokenCounter counter, int maxPromptTokens)
    {
        var tokens = counter.Count(prompt);
        if (tokens <= maxPromptTokens)
        {
            return (prompt, tokens, 0);
        }

        var system = prompt.Where(m => m.Role == AuthorRole.System).ToList();
        var conversation = prompt.Where(m => m.Role != AuthorRole.System).ToList();
        var dropped = 0;

        // Drop whole turns from the front (a user message and what followed it) while more than the new message remains.
        while (tokens > maxPromptTokens && conversation.Count > 1)
        {
            var next = conversation.FindIndex(1, m => m.Role == AuthorRole.User);
            var cut = next < 0 ? conversation.Count - 1 : next;
            tokens -= conversation.Take(cut).Sum(counter.Count);
            conversation.RemoveRange(0, cut);
            dropped++;
        }

        if (tokens > maxPromptTokens)
        {
            throw new PromptTooLargeException(tokens, maxPromptTokens);
        }

        return (new ChatHistory(system.Concat(conversation)), tokens, dropped);
    }
}

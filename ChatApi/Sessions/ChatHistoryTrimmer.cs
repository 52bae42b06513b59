using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Sessions;

/// <summary>Keeps the system prompt and the last N user/assistant turns of a history.</summary>
public static class ChatHistoryTrimmer
{
    /// <summary>Returns the trimmed history and how many turns were dropped.</summary>
    public static (ChatHistory History, int DroppedTurns) Trim(ChatHistory history, int maxTurns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTurns, 1);

        var system = history.Where(m => m.Role == AuthorRole.System).ToList();
        var conversation = history.Where(m => m.Role != AuthorRole.System).ToList();

        // A turn starts at a user message; find where the last maxTurns of them begin.
        var userIndexes = conversation.Select((m, i) => (m, i)).Where(x => x.m.Role == AuthorRole.User).Select(x => x.i).ToList();
        if (userIndexes.Count <= maxTurns)
        {
            return (history, 0);
        }

        var dropped = userIndexes.Count - maxTurns;
        var keepFrom = userIndexes[dropped];
        var trimmed = new ChatHistory(system.Concat(conversation.Skip(keepFrom)));
        return (trimmed, dropped);
    }

    /// <summary>A copy without connector metadata (usage, raw responses) so the stored JSON stays small and stable.</summary>
    public static ChatMessageContent Strip(ChatMessageContent message) => new(message.Role, message.Content);
}

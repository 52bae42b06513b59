using LlmReference.ModelServer.Knowledge;
using LlmReference.ModelServer.Wire;
using LlmReference.ModelServer.Tools;

namespace LlmReference.ModelServer.Completions;

/// <summary>
/// Decides the answer to a conversation: after tool results, an answer that uses them; when the last user turn calls for
/// an offered tool, a tool call; otherwise an answer from the knowledge base (<see cref="ConversationResponder"/>).
/// </summary>
internal sealed class CompletionGenerator(ConversationResponder responder, ToolCallPlanner planner)
{
    public Generation Generate(ValidatedChatRequest request)
    {
        var messages = request.Messages;
        if (messages[^1].Role == "tool")
        {
            return new Generation(ToolResultResponder.Respond(ToolResultsAtEnd(messages)), null, null);
        }

        var turns = messages.Select(m => new Turn(m.Role!, MessageText.Of(m))).ToList();
        if (request.Tools.Count > 0 && messages[^1].Role == "user" &&
            planner.Plan(request.Tools, request.ToolChoice, turns[^1].Text, request.Seed) is { } call)
        {
            return new Generation(null, call, null);
        }

        var answer = responder.Respond(turns, request.Seed);
        return new Generation(answer.Text, null, answer.EntryId);
    }

    /// <summary>The trailing tool messages, each named after the function the assistant called with that id.</summary>
    private static List<ToolResult> ToolResultsAtEnd(IReadOnlyList<ChatMessage> messages)
    {
        var names = messages
            .Where(m => m.Role == "assistant")
            .SelectMany(m => m.ToolCalls ?? [])
            .Where(c => c.Id is not null)
            .GroupBy(c => c.Id!)
            .ToDictionary(g => g.Key, g => g.Last().Function?.Name ?? "the tool");

        var results = new List<ToolResult>();
        for (var i = messages.Count - 1; i >= 0 && messages[i].Role == "tool"; i--)
        {
            var name = messages[i].ToolCallId is { } id && names.TryGetValue(id, out var n) ? n : "the tool";
            results.Insert(0, new ToolResult(name, MessageText.Of(messages[i])));
        }

        return results;
    }
}

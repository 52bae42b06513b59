using System.Runtime.CompilerServices;
using System.Text;
using LlmReference.ChatApi.Chat;
using Microsoft.Extensions.AI;
using ChatResponse = Microsoft.Extensions.AI.ChatResponse;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// The compliance stage, outermost in the pipeline: the user's message is checked before anything (cache, budget,
/// model) sees it (<see cref="GuardrailBlockedException"/> when refused, masked otherwise), and the reply on its way
/// out. A streamed reply goes through a <see cref="GuardrailStreamFilter"/>, which holds back text a rule may still
/// change; the whole reply is then checked once more, and that checked text is what the session stores.
/// </summary>
public sealed class GuardrailChatClient(IChatClient inner, IGuardrailPolicy policy) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var turn = ChatTurnContext.Of(options);
        var checkedMessages = await CheckInputAsync(messages, turn, cancellationToken);
        var response = await base.GetResponseAsync(checkedMessages, options, cancellationToken);

        var reply = response.Text;
        var decision = policy.CheckOutput(reply, response.ResponseId, SystemPrompt(checkedMessages, options));
        turn?.CheckedReply = decision.Text;
        if (decision.Text != reply)
        {
            // The reply's text is replaced as a whole; tool calls and results stay as they were.
            foreach (var message in response.Messages)
            {
                message.Contents = [.. message.Contents.Where(c => c is not TextContent)];
            }

            response.Messages.Add(new ChatMessage(ChatRole.Assistant, decision.Text));
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var turn = ChatTurnContext.Of(options);
        var checkedMessages = await CheckInputAsync(messages, turn, cancellationToken);
        var systemPrompt = SystemPrompt(checkedMessages, options);
        var filter = policy.CreateStreamFilter(systemPrompt);
        var raw = new StringBuilder();
        string? responseId = null;
        ChatResponseUpdate? last = null;
        await foreach (var update in base.GetStreamingResponseAsync(checkedMessages, options, cancellationToken))
        {
            responseId ??= update.ResponseId;
            last = update;
            var text = update.Text;
            if (text.Length == 0)
            {
                yield return update;
                continue;
            }

            raw.Append(text);
            yield return WithText(update, filter.Append(text));
        }

        if (filter.Complete() is { Length: > 0 } rest)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, rest) { ResponseId = responseId, ModelId = last?.ModelId };
        }

        turn?.CheckedReply = policy.CheckOutput(raw.ToString(), responseId, systemPrompt).Text;
    }

    /// <summary>
    /// The conversation's system prompt as the model receives it (what a reply must not reproduce): the call's
    /// <see cref="ChatOptions.Instructions"/> (how ChatApi sends it) and any system messages.
    /// </summary>
    private static string? SystemPrompt(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        List<string> system = [.. new[] { options?.Instructions }.OfType<string>(), .. messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text)];
        return system.Count == 0 ? null : string.Join("\n", system);
    }

    /// <summary>Checks the newest user message; returns the messages with it masked when a rule masked it.</summary>
    private async Task<IEnumerable<ChatMessage>> CheckInputAsync(IEnumerable<ChatMessage> messages, ChatTurnContext? turn, CancellationToken cancellationToken)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var index = LastUserIndex(list);
        if (index < 0)
        {
            return list;
        }

        var text = list[index].Text;
        var decision = await policy.CheckInputAsync(text, cancellationToken);
        if (decision.IsBlocked)
        {
            throw new GuardrailBlockedException(decision);
        }

        turn?.CheckedUserMessage = decision.Text;
        if (decision.Text == text)
        {
            return list;
        }

        List<ChatMessage> masked = [.. list];
        masked[index] = new ChatMessage(ChatRole.User, decision.Text);
        return masked;
    }

    private static int LastUserIndex(IList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The update with its text replaced by what the filter released (possibly nothing yet).</summary>
    private static ChatResponseUpdate WithText(ChatResponseUpdate update, string released)
    {
        var copy = update.Clone();
        copy.Contents = [.. update.Contents.Where(c => c is not TextContent)];
        if (released.Length > 0)
        {
            copy.Contents.Add(new TextContent(released));
        }

        return copy;
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Multi-turn chat: each user continues their conversation (the <c>sessionId</c> ChatApi returned) for
/// <see cref="ScenarioSettings.TurnsPerSession"/> turns, then starts a new one. Exercises session history in the cache
/// and the growing prompt, which single-turn load never does.
/// </summary>
public sealed class SessionChatScenario(LoadTargets targets, UserPool users, MessageCatalog messages, int turnsPerSession) : ScenarioBase(ScenarioNames.Session)
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new();

    protected override async Task<RequestOutcome> SendAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var user = users.Pick(context.Random);
        var current = _conversations.TryGetValue(user, out var found) && found.Turns < turnsPerSession ? found : null;
        var text = current is null ? messages.Opening(context.Random, context.Sequence) : MessageCatalog.FollowUp(context.Random);
        using var request = Post(ChatScenario.Path, new ChatMessage(text, current?.SessionId), user);
        using var response = await targets.Chat.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return Failed(response);
        }

        var reply = await response.Content.ReadFromJsonAsync<ChatReply>(Json, cancellationToken).ConfigureAwait(false);
        var sessionId = reply?.SessionId ?? throw new InvalidOperationException("The chat answer has no sessionId.");
        _conversations[user] = new Conversation(sessionId, (current?.Turns ?? 0) + 1);
        return Succeeded(response);
    }

    private sealed record Conversation(string SessionId, int Turns);

    private sealed record ChatReply(string? SessionId);
}

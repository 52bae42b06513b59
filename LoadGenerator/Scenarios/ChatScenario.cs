namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Single-turn chat (<c>POST /api/chat</c>, no session): a fresh conversation per request. Also the tool-using
/// scenario, whose messages are fraud questions the model answers by calling FraudService.
/// </summary>
public sealed class ChatScenario(string name, LoadTargets targets, UserPool users, Func<Random, long, string> message) : ScenarioBase(name)
{
    public const string Path = "api/chat";

    protected override async Task<RequestOutcome> SendAsync(RequestContext context, CancellationToken cancellationToken)
    {
        using var request = Post(Path, new ChatMessage(message(context.Random, context.Sequence)), users.Pick(context.Random));
        using var response = await targets.Chat.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // Read the body so the latency covers the whole answer, not just its headers.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? Succeeded(response) : Failed(response);
    }
}

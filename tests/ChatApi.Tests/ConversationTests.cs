using System.Net.Http.Json;
using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Sessions;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class ConversationTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private readonly ChatApiHost _host = new(environment);
    private readonly RedisHistory _redis = new(environment.Garnet.ConnectionString);
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ChatReturnsReplyWithModelUsageAndIds()
    {
        var response = await _client.ChatAsync("How do I block my card?");

        Assert.True(Sessions.SessionId.IsValid(response.SessionId));
        Assert.False(string.IsNullOrWhiteSpace(response.Reply));
        Assert.Equal("bank-assist-large", response.Model);
        Assert.True(response.Usage.InputTokens > 0, "input tokens are counted");
        Assert.True(response.Usage.OutputTokens > 0, "output tokens are counted");
        Assert.False(string.IsNullOrWhiteSpace(response.ResponseId));
        Assert.Matches("^[0-9a-f]{32}$", response.TraceId);
    }

    [Fact]
    public async Task ServerGeneratesDistinctSessionIds()
    {
        var first = await _client.ChatAsync("Hello");
        var second = await _client.ChatAsync("Hello");
        Assert.NotEqual(first.SessionId, second.SessionId);
    }

    [Fact]
    public async Task SecondTurnSeesTheFirst()
    {
        var first = await _client.ChatAsync("My card ending 4242 was declined at a grocery store.");
        var second = await _client.ChatAsync("Why did that happen?", first.SessionId);
        Assert.Equal(first.SessionId, second.SessionId);

        // What the model received for the second turn: system prompt, the whole first turn, the new message.
        var sent = _host.ModelTraffic.LastMessages();
        Assert.Equal(
            [
                ("system", ChatApiOptions.DefaultSystemPrompt),
                ("user", "My card ending 4242 was declined at a grocery store."),
                ("assistant", first.Reply),
                ("user", "Why did that happen?"),
            ],
            sent);

        var stored = await _redis.GetAsync(first.SessionId);
        Assert.NotNull(stored);
        Assert.Equal(5, stored.Count);
        Assert.Equal(second.Reply, stored[^1].Content);
        Assert.Equal(AuthorRole.Assistant, stored[^1].Role);
    }

    [Fact]
    public async Task NewConversationSaysSoAndTheNextTurnContinuesIt()
    {
        using var first = await _client.PostChatAsync("Hi there");
        var started = await first.Content.ReadFromJsonAsync<ChatResponse>(ChatClient.Json);
        var next = await _client.ChatAsync("And then?", started!.SessionId);

        Assert.Equal(SessionStatus.New, started.SessionStatus);
        Assert.Equal(SessionStatus.New, first.Headers.GetValues(ChatEndpoints.SessionStatusHeader).Single());
        Assert.Equal(SessionStatus.Continued, next.SessionStatus);
        Assert.Equal(started.SessionId, next.SessionId);
        Assert.Null(next.PreviousSessionId);
    }

    [Fact]
    public async Task UnknownSessionIdRestartsUnderANewIdAndSaysSo()
    {
        // Expired, lost with the cache, or never issued: the server cannot tell, and must not pretend to remember.
        var unknown = "client-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await _client.PostChatAsync("Hi there", unknown);
        var reply = await response.Content.ReadFromJsonAsync<ChatResponse>(ChatClient.Json);

        Assert.Equal(SessionStatus.Restarted, reply!.SessionStatus);
        Assert.Equal(SessionStatus.Restarted, response.Headers.GetValues(ChatEndpoints.SessionStatusHeader).Single());
        Assert.Equal(unknown, reply.PreviousSessionId);
        Assert.NotEqual(unknown, reply.SessionId);
        Assert.Null(await _redis.GetAsync(unknown));
        var stored = await _redis.GetAsync(reply.SessionId);
        Assert.NotNull(stored);
        Assert.Equal([AuthorRole.System, AuthorRole.User, AuthorRole.Assistant], stored.Select(m => m.Role));
    }

    [Fact]
    public async Task SessionsDoNotSeeEachOther()
    {
        var alice = await _client.ChatAsync("Alice here: my account number is private.");
        await _client.ChatAsync("Bob here, what are your opening hours?");

        var sent = _host.ModelTraffic.LastMessages();
        Assert.DoesNotContain(sent, m => m.Content.Contains("Alice", StringComparison.Ordinal));
        Assert.Equal(2, sent.Count);
        Assert.NotNull(await _redis.GetAsync(alice.SessionId));
    }

    [Fact]
    public async Task ConcurrentTurnsOnOneSessionAreAllStored()
    {
        var first = await _client.ChatAsync("Start of the conversation");
        var turns = Enumerable.Range(1, 4).Select(i => _client.ChatAsync($"parallel question {i}", first.SessionId));
        await Task.WhenAll(turns);

        var stored = await _redis.GetAsync(first.SessionId);
        Assert.NotNull(stored);
        var userMessages = stored.Where(m => m.Role == AuthorRole.User).Select(m => m.Content).ToList();
        Assert.Equal(5, userMessages.Count);
        for (var i = 1; i <= 4; i++)
        {
            Assert.Contains($"parallel question {i}", userMessages);
        }
    }
}

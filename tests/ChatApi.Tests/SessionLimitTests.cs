using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class SessionLimitTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private readonly ChatApiHost _host = new(environment, new Dictionary<string, string?>
    {
        ["Sessions:MaxTurns"] = "2",
        ["Sessions:Ttl"] = "00:00:02",
        ["Chat:SystemPrompt"] = "You are the test bank's assistant.",
    });

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
    public async Task HistoryIsTrimmedToMaxTurnsKeepingTheSystemPrompt()
    {
        var session = (await _client.ChatAsync("turn one")).SessionId;
        await _client.ChatAsync("turn two", session);
        await _client.ChatAsync("turn three", session);

        var stored = await _redis.GetAsync(session);
        Assert.NotNull(stored);
        Assert.Equal(
            [AuthorRole.System, AuthorRole.User, AuthorRole.Assistant, AuthorRole.User, AuthorRole.Assistant],
            stored.Select(m => m.Role));
        Assert.Equal("You are the test bank's assistant.", stored[0].Content);
        Assert.Equal(["turn two", "turn three"], stored.Where(m => m.Role == AuthorRole.User).Select(m => m.Content!));

        // The next model call carries only what was kept.
        await _client.ChatAsync("turn four", session);
        var sent = _host.ModelTraffic.LastMessages();
        Assert.Equal(("system", "You are the test bank's assistant."), sent[0]);
        Assert.Equal(["turn two", "turn three", "turn four"], sent.Where(m => m.Role == "user").Select(m => m.Content));
    }

    [Fact]
    public async Task EveryTurnRestartsTheSessionTtl()
    {
        var session = (await _client.ChatAsync("hello")).SessionId;
        var ttl = await _redis.TimeToLiveAsync(session);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));

        // Let part of the TTL pass, then a new turn must push the expiry back out.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await _client.ChatAsync("still there?", session);
        var renewed = await _redis.TimeToLiveAsync(session);
        Assert.NotNull(renewed);
        Assert.True(renewed > TimeSpan.FromSeconds(1.2), $"TTL after a new turn was {renewed}");
    }

    [Fact]
    public async Task ExpiredSessionStartsAfresh()
    {
        var session = (await _client.ChatAsync("remember the word pineapple")).SessionId;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Null(await _redis.GetAsync(session));

        await _client.ChatAsync("what was the word?", session);
        var sent = _host.ModelTraffic.LastMessages();
        Assert.Equal([("system", "You are the test bank's assistant."), ("user", "what was the word?")], sent);
    }
}

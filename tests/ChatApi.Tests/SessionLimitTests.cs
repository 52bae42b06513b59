using LlmReference.ChatApi.Sessions;
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
        // A TTL far longer than any turn, so the check is about state, not how fast this machine answers.
        var configured = TimeSpan.FromMinutes(10);
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Sessions:Ttl"] = configured.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = host.CreateClient();

        var session = (await client.ChatAsync("hello")).SessionId;
        var ttl = await _redis.TimeToLiveAsync(session);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), configured);

        // Most of the TTL has passed (set straight in the store): a new turn must push the expiry back out to the full TTL.
        var remaining = TimeSpan.FromMinutes(1);
        Assert.True(await _redis.Database.KeyExpireAsync(ChatHistoryStore.KeyFor(ChatApiHost.DefaultUserId, session), remaining));
        await client.ChatAsync("still there?", session);
        var renewed = await _redis.TimeToLiveAsync(session);
        Assert.NotNull(renewed);
        Assert.True(renewed > configured - TimeSpan.FromMinutes(1), $"TTL after a new turn was {renewed}, configured {configured}");
    }

    [Fact]
    public async Task ExpiredSessionStartsAfresh()
    {
        var session = (await _client.ChatAsync("remember the word pineapple")).SessionId;

        // The 2 s TTL runs out: wait for the store to say so rather than for a fixed time.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await _redis.GetAsync(session) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Null(await _redis.GetAsync(session));

        var reply = await _client.ChatAsync("what was the word?", session);
        var sent = _host.ModelTraffic.LastMessages();
        Assert.Equal([("system", "You are the test bank's assistant."), ("user", "what was the word?")], sent);
        // ...and the client is told: a new session, not the old id silently reused.
        Assert.Equal(SessionStatus.Restarted, reply.SessionStatus);
        Assert.Equal(session, reply.PreviousSessionId);
        Assert.NotEqual(session, reply.SessionId);
    }
}

using System.Text.Json;
using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// A session's history is stored with its prompt token count beside it, so the next turn can size its budget
/// reservation in the same round trip that reads the history. The count must be the tokenizer's count of what is stored.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class SessionTokenCountTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private readonly ChatApiHost _host = new(environment);
    private readonly RedisHistory _redis = new(environment.Garnet.ConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task TheStoredCountIsTheTokenizersCountOfTheStoredHistory()
    {
        using var client = _host.CreateClient();
        var first = await client.ChatAsync("How do I order a new card?");
        await client.ChatAsync("And how long does delivery take?", first.SessionId);

        var history = await _redis.GetAsync(first.SessionId);
        Assert.NotNull(history);
        Assert.Equal(5, history.Count);
        Assert.Equal(Counter().Count(history), await StoredCountAsync(first.SessionId));
    }

    [Fact]
    public async Task AHistoryStoredWithoutItsCountContinuesAndGetsOne()
    {
        // As a history written before counts were stored: the JSON alone.
        var sessionId = SessionId.New();
        var stored = new ChatHistory("You are the test bank's assistant.");
        stored.AddUserMessage("My name is Dana.");
        stored.AddAssistantMessage("Hello Dana, how can I help?");
        await _redis.Database.StringSetAsync(ChatHistoryStore.KeyFor(ChatApiHost.DefaultUserId, sessionId), JsonSerializer.Serialize(stored), TimeSpan.FromMinutes(5));

        using var client = _host.CreateClient();
        var reply = await client.ChatAsync("What is my name?", sessionId);

        Assert.Equal(SessionStatus.Continued, reply.SessionStatus);
        Assert.Contains(_host.ModelTraffic.LastMessages(), m => m.Content.Contains("Dana", StringComparison.Ordinal));
        var history = await _redis.GetAsync(sessionId);
        Assert.NotNull(history);
        Assert.Equal(Counter().Count(history), await StoredCountAsync(sessionId));
    }

    private PromptTokenCounter Counter() => _host.Services.GetRequiredService<PromptTokenCounter>();

    private async Task<int> StoredCountAsync(string sessionId) =>
        (int)await _redis.Database.StringGetAsync(ChatHistoryStore.TokensKeyFor(ChatApiHost.DefaultUserId, sessionId));
}

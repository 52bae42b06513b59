using System.Text.Json;
using LlmReference.ChatApi.Sessions;
using Microsoft.SemanticKernel.ChatCompletion;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Tests;

/// <summary>Reads what ChatApi stored, straight from Garnet over the Redis protocol.</summary>
public sealed class RedisHistory(string connectionString) : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(connectionString);

    public IDatabase Database => _redis.GetDatabase();

    public async Task<ChatHistory?> GetAsync(string sessionId, string userId = ChatApiHost.DefaultUserId)
    {
        var value = await Database.StringGetAsync(ChatHistoryStore.KeyFor(userId, sessionId));
        return value.IsNull ? null : JsonSerializer.Deserialize<ChatHistory>(value.ToString());
    }

    public Task<TimeSpan?> TimeToLiveAsync(string sessionId, string userId = ChatApiHost.DefaultUserId) =>
        Database.KeyTimeToLiveAsync(ChatHistoryStore.KeyFor(userId, sessionId));

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}

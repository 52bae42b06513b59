using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Caching;

/// <summary>Reads and writes <see cref="CachedAnswer"/>s in Redis under <see cref="ResponseCacheKey"/> keys, with a TTL.</summary>
public sealed class ResponseCache(IConnectionMultiplexer redis, IOptionsMonitor<ResponseCacheOptions> options, ChatApiMetrics metrics)
{
    public bool Enabled => options.CurrentValue.Enabled;

    public async Task<CachedAnswer?> GetAsync(string key, string requestModel)
    {
        var value = await redis.GetDatabase().StringGetAsync(key);
        var hit = value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<CachedAnswer>(value.ToString());
        metrics.RecordCacheLookup(hit is not null, requestModel);
        return hit;
    }

    public Task SetAsync(string key, CachedAnswer answer) => SetAsync(redis.GetDatabase(), key, answer);

    /// <summary>Stores <paramref name="answer"/> through <paramref name="database"/> (the chat turn's, to share its closing round trip).</summary>
    public Task SetAsync(IDatabaseAsync database, string key, CachedAnswer answer) =>
        database.StringSetAsync(key, JsonSerializer.Serialize(answer), options.CurrentValue.Ttl);
}

using System.Net.Http.Headers;
using LlmReference.ChatApi.Caching;
using OpenTelemetry.Metrics;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class ResponseCacheTests(ChatApiEnvironment environment)
{
    private ChatApiHost Host(string systemPrompt = "You are the cache test's assistant.", string ttl = "00:10:00") => new(environment, new Dictionary<string, string?>
    {
        ["ResponseCache:Enabled"] = "true",
        ["ResponseCache:Ttl"] = ttl,
        ["Chat:SystemPrompt"] = systemPrompt,
    });

    /// <summary>A message no other test sends, so entries left in the shared Garnet cannot interfere.</summary>
    private static string UniqueQuestion() => $"What are the fees for an international transfer? ({Guid.NewGuid():N})";

    [Fact]
    public async Task SecondIdenticalFirstMessageIsServedFromTheCache()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var question = UniqueQuestion();

        var first = await client.ChatAsync(question);
        var second = await client.ChatAsync(question);

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(first.Reply, second.Reply);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Equal(new Chat.ChatUsage(0, 0), second.Usage);
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Single(host.ModelTraffic.ChatBodies);

        // The cached answer still becomes part of the new session.
        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        var stored = await redis.GetAsync(second.SessionId);
        Assert.NotNull(stored);
        Assert.Equal(second.Reply, stored[^1].Content);

        host.FlushTelemetry();
        var lookups = host.Metrics.Where(m => m.Name == ChatApiTelemetry.Metrics.CacheLookups).SelectMany(Points).ToList();
        Assert.Equal(1, lookups.Where(p => p.Result == "hit").Sum(p => p.Value));
        Assert.Equal(1, lookups.Where(p => p.Result == "miss").Sum(p => p.Value));
    }

    [Fact]
    public async Task CacheHitsCostNoTokensAndNeverReachTheModelServer()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var question = UniqueQuestion();
        await client.ChatAsync(question);
        await environment.ModelServer.ClearRequestsAsync();

        using var response = await client.PostChatAsync(question);
        response.EnsureSuccessStatusCode();

        // No budget headers (nothing was reserved or charged) and no request in the model server's own journal.
        Assert.False(response.Headers.Contains("X-RateLimit-Remaining-Tokens"));
        Assert.Empty(await environment.ModelServer.RecentRequestsAsync());
    }

    [Fact]
    public async Task LaterTurnsAreNeverCached()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var question = UniqueQuestion();

        await client.ChatAsync(question);
        var session = (await client.ChatAsync("Hello")).SessionId;
        var inConversation = await client.ChatAsync(question, session);

        Assert.False(inConversation.Cached);
        Assert.Equal(3, host.ModelTraffic.ChatBodies.Count);
    }

    [Fact]
    public async Task NoCacheHeaderBypassesTheCache()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var question = UniqueQuestion();
        await client.ChatAsync(question);

        using var request = new HttpRequestMessage(HttpMethod.Post, ChatClient.Path) { Content = System.Net.Http.Json.JsonContent.Create(new { message = question }) };
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();

        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);
    }

    [Fact]
    public async Task ADifferentSystemPromptNeverHitsAnotherPromptsEntry()
    {
        var question = UniqueQuestion();
        await using (var first = Host(systemPrompt: "You are assistant A."))
        {
            using var client = first.CreateClient();
            await client.ChatAsync(question);
        }

        await using var second = Host(systemPrompt: "You are assistant B.");
        using var secondClient = second.CreateClient();
        var reply = await secondClient.ChatAsync(question);

        Assert.False(reply.Cached);
        Assert.Single(second.ModelTraffic.ChatBodies);
    }

    [Fact]
    public async Task EntriesExpireAfterTheTtl()
    {
        await using var host = Host(ttl: "00:00:01");
        using var client = host.CreateClient();
        var question = UniqueQuestion();

        await client.ChatAsync(question);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = await client.ChatAsync(question);

        Assert.False(later.Cached);
        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);
    }

    [Fact]
    public void KeyCoversModelSystemPromptOptionsToolsAndMessage()
    {
        var baseline = ResponseCacheKey.For("m", "s", 100, ResponseCacheKey.NoTools, "q");
        Assert.Equal(baseline, ResponseCacheKey.For("m", "s", 100, ResponseCacheKey.NoTools, "q"));
        Assert.NotEqual(baseline, ResponseCacheKey.For("m2", "s", 100, ResponseCacheKey.NoTools, "q"));
        Assert.NotEqual(baseline, ResponseCacheKey.For("m", "s2", 100, ResponseCacheKey.NoTools, "q"));
        Assert.NotEqual(baseline, ResponseCacheKey.For("m", "s", 200, ResponseCacheKey.NoTools, "q"));
        Assert.NotEqual(baseline, ResponseCacheKey.For("m", "s", 100, "tools:fraud-v1", "q"));
        Assert.NotEqual(baseline, ResponseCacheKey.For("m", "s", 100, ResponseCacheKey.NoTools, "q2"));
        // Parts cannot bleed into each other.
        Assert.NotEqual(ResponseCacheKey.For("m", "ab", 1, "t", "c"), ResponseCacheKey.For("m", "a", 1, "t", "bc"));
    }

    private static IEnumerable<(string? Result, long Value)> Points(Metric metric)
    {
        var points = new List<(string?, long)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            string? result = null;
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "chat.cache.result")
                {
                    result = tag.Value as string;
                }
            }

            points.Add((result, point.GetSumLong()));
        }

        return points;
    }
}

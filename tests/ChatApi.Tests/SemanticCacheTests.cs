using LlmReference.ChatApi.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// The semantic cache on real Garnet with embeddings from the real model server (<c>bank-embed-small</c>). Each test
/// has its own system prompt, so its cache scope starts empty even though Garnet is shared.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class SemanticCacheTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private const string Question = "What are the fees for an international transfer?";

    /// <summary>Scores about 0.94 against <see cref="Question"/> with bank-embed-small.</summary>
    private const string Paraphrase = "Which fees do you charge for international transfers?";

    /// <summary>Scores about 0.03 against <see cref="Question"/>.</summary>
    private const string Unrelated = "How do I freeze my card?";

    public Task InitializeAsync() => environment.ModelServer.HealAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private ChatApiHost Host(bool semantic = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ResponseCache:Enabled"] = "true",
            ["ResponseCache:Semantic:SimilarityThreshold"] = "0.9",
            ["Chat:SystemPrompt"] = $"You are the semantic cache test's assistant {Guid.NewGuid():N}.",
        };
        if (semantic)
        {
            settings["ResponseCache:Semantic:Enabled"] = "true";
        }

        // Without the key the default (appsettings.json and the options class) applies.
        return new ChatApiHost(environment, settings);
    }

    [Fact]
    public async Task ParaphraseOfACachedQuestionIsAnsweredFromTheCacheWithoutAModelCall()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var first = await client.ChatAsync(Question);
        await environment.ModelServer.ClearRequestsAsync();

        var second = await client.ChatAsync(Paraphrase);

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(first.Reply, second.Reply);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Equal(new Chat.ChatUsage(0, 0), second.Usage);
        Assert.Single(host.ModelTraffic.ChatBodies);
        // The model server saw only the paraphrase's embedding request, no chat completion.
        var request = Assert.Single(await environment.ModelServer.RecentRequestsAsync());
        Assert.EndsWith("/embeddings", request.GetProperty("path").GetString());

        host.FlushTelemetry();
        var similarity = SimilarityPoints(host).ToList();
        var hit = Assert.Single(similarity, p => p.Result == "hit");
        Assert.Equal(1, hit.Count);
        Assert.InRange(hit.Sum, 0.9, 1.0);
        Assert.Equal(1, LookupCount(host, "semantic", "hit"));
    }

    [Fact]
    public async Task UnrelatedQuestionMissesTheSemanticCache()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        await client.ChatAsync(Question);

        var other = await client.ChatAsync(Unrelated);

        Assert.False(other.Cached);
        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);

        host.FlushTelemetry();
        // The first question found an empty scope (no similarity to report); the second found one entry, far below.
        var miss = Assert.Single(SimilarityPoints(host), p => p.Result == "miss");
        Assert.Equal(1, miss.Count);
        Assert.True(miss.Sum < 0.9, $"similarity {miss.Sum}");
        Assert.Equal(2, LookupCount(host, "semantic", "miss"));
    }

    [Fact]
    public async Task LaterTurnsNeverUseTheSemanticCache()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        await client.ChatAsync(Question);
        var session = (await client.ChatAsync(Unrelated)).SessionId;
        await environment.ModelServer.ClearRequestsAsync();

        var inConversation = await client.ChatAsync(Paraphrase, session);

        Assert.False(inConversation.Cached);
        Assert.Equal(3, host.ModelTraffic.ChatBodies.Count);
        // Not even embedded: a later turn is never looked up nor stored.
        Assert.DoesNotContain(await environment.ModelServer.RecentRequestsAsync(), r => r.GetProperty("path").GetString()!.EndsWith("/embeddings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SemanticCacheIsOffByDefault()
    {
        await using var host = Host(semantic: false);
        using var client = host.CreateClient();
        Assert.False(host.Services.GetRequiredService<IOptions<SemanticCacheOptions>>().Value.Enabled);
        await client.ChatAsync(Question);
        await environment.ModelServer.ClearRequestsAsync();

        var paraphrase = await client.ChatAsync(Paraphrase);

        Assert.False(paraphrase.Cached);
        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);
        Assert.DoesNotContain(await environment.ModelServer.RecentRequestsAsync(), r => r.GetProperty("path").GetString()!.EndsWith("/embeddings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCacheHeaderSkipsTheSemanticLookup()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        await client.ChatAsync(Question);

        using var request = new HttpRequestMessage(HttpMethod.Post, ChatClient.Path) { Content = System.Net.Http.Json.JsonContent.Create(new { message = Paraphrase }) };
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();

        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);
    }

    [Fact]
    public async Task FailingEmbeddingsAreACacheMissNotAFailedChat()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ResponseCache:Enabled"] = "true",
            ["ResponseCache:Semantic:Enabled"] = "true",
            ["ResponseCache:Semantic:EmbeddingModel"] = "no-such-embedding-model",
            ["Chat:SystemPrompt"] = $"You are the semantic cache test's assistant {Guid.NewGuid():N}.",
        });
        using var client = host.CreateClient();

        var first = await client.ChatAsync(Question);
        var second = await client.ChatAsync(Paraphrase);

        Assert.False(first.Cached);
        Assert.False(second.Cached);
        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);
        host.FlushTelemetry();
        Assert.Equal(0, LookupCount(host, "semantic", "hit") + LookupCount(host, "semantic", "miss"));
    }

    private static IEnumerable<(string? Result, long Count, double Sum)> SimilarityPoints(ChatApiHost host)
    {
        var points = new List<(string?, long, double)>();
        foreach (var metric in host.Metrics.Where(m => m.Name == ChatApiTelemetry.Metrics.CacheSemanticSimilarity))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add((Tag(point, ChatApiTelemetry.Tags.CacheResult), point.GetHistogramCount(), point.GetHistogramSum()));
            }
        }

        return points;
    }

    private static long LookupCount(ChatApiHost host, string kind, string result)
    {
        long total = 0;
        foreach (var metric in host.Metrics.Where(m => m.Name == ChatApiTelemetry.Metrics.CacheLookups))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Tag(point, ChatApiTelemetry.Tags.CacheKind) == kind && Tag(point, ChatApiTelemetry.Tags.CacheResult) == result)
                {
                    total += point.GetSumLong();
                }
            }
        }

        return total;
    }

    private static string? Tag(in MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}

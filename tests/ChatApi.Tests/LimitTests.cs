using System.Net;
using LlmReference.ChatApi.Chat;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class LimitTests(ChatApiEnvironment environment)
{
    private const string SystemPrompt = "You are the test bank's assistant.";

    [Fact]
    public async Task MessageThatCannotFitThePromptTokenLimitReturnsBadRequest()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Chat:SystemPrompt"] = SystemPrompt,
            ["Chat:MaxPromptTokens"] = "40",
        });
        using var client = host.CreateClient();

        // Well under the character limit, well over 40 tokens.
        using var response = await client.PostChatAsync(string.Join(' ', Enumerable.Repeat("statement", 60)), "too-many-tokens");

        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("the limit is 40", problem.GetProperty("detail").GetString());
        Assert.Empty(host.ModelTraffic.ChatBodies);
        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        Assert.Null(await redis.GetAsync("too-many-tokens"));
    }

    [Fact]
    public async Task OldTurnsAreLeftOutOfThePromptToFitTheTokenLimit()
    {
        const int limit = 400;
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Chat:SystemPrompt"] = SystemPrompt,
            ["Chat:MaxPromptTokens"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = host.CreateClient();
        var counter = new PromptTokenCounter();

        var session = (await client.ChatAsync("What is the daily ATM withdrawal limit on a debit card?")).SessionId;
        for (var i = 1; i <= 6; i++)
        {
            await client.ChatAsync($"Question {i}: how do I dispute a card payment I do not recognise?", session);
        }

        // Every prompt that went out fits, still starts with the system prompt and ends with the newest message;
        // the last one no longer carries the first question.
        foreach (var body in host.ModelTraffic.ChatBodies)
        {
            var messages = ModelTraffic.Messages(body);
            Assert.True(counter.Count(messages.Select(m => new Microsoft.SemanticKernel.ChatMessageContent(
                new Microsoft.SemanticKernel.ChatCompletion.AuthorRole(m.Role), m.Content))) <= limit);
            Assert.Equal(("system", SystemPrompt), messages[0]);
        }

        var last = host.ModelTraffic.LastMessages();
        Assert.Equal("Question 6: how do I dispute a card payment I do not recognise?", last[^1].Content);
        Assert.DoesNotContain(last, m => m.Content.Contains("ATM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestsOverTheRateLimitGetTooManyRequestsWithRetryAfter()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "2",
            ["RateLimiting:Window"] = "00:01:00",
        });
        using var client = host.CreateClient().As(ChatClient.NewUserId("rate"));

        await client.ChatAsync("one");
        await client.ChatAsync("two");
        using var refused = await client.PostChatAsync("three");

        var problem = await refused.AssertProblemAsync(429);
        Assert.Contains("At most 2 chat requests", problem.GetProperty("detail").GetString());
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);
    }

    [Fact]
    public async Task HealthProbesAreNotRateLimited()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "1" });
        using var client = host.CreateClient().As(ChatClient.NewUserId("probes"));

        await client.ChatAsync("one");
        for (var i = 0; i < 3; i++)
        {
            using var alive = await client.GetAsync("/alive");
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }

    [Theory]
    [InlineData("RateLimiting:PermitLimit", "0")]
    [InlineData("RateLimiting:Window", "00:00:00")]
    [InlineData("Chat:MaxPromptTokens", "1")]
    [InlineData("ResponseCache:Semantic:SimilarityThreshold", "0.1")]
    [InlineData("ResponseCache:Semantic:MaxCandidates", "0")]
    [InlineData("ResponseCache:Semantic:EmbeddingTimeout", "00:00:00")]
    public async Task OutOfRangeLimitFailsStart(string key, string value)
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { [key] = value });
        var exception = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains(key.Split(':')[^1], exception.ToString());
    }
}

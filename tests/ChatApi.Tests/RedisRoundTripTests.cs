using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// A chat turn talks to Redis twice: one script before the model call (read the history, reserve the budget) and one
/// flush after it (store the history, charge the budget, record the answer, and the response cache's write). Counted
/// on the Redis client's own spans, one per command, under the turn's span. Before the turn, the request rate limiter
/// (shared by every replica) makes one transaction of its own under the request's span.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class RedisRoundTripTests(ChatApiEnvironment environment)
{
    [Fact]
    public async Task ATurnIsOneScriptBeforeTheModelCallAndOneFlushAfterIt()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["ResponseCache:Enabled"] = "true" });
        using var client = host.CreateClient();

        // A session's first message, asking for a fresh answer: the cache is not read, but the answer is written to it.
        using var request = new HttpRequestMessage(HttpMethod.Post, ChatClient.Path)
        {
            Content = JsonContent.Create(new { message = $"What are your opening hours? ({Guid.NewGuid():N})" }),
        };
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var first = (await response.Content.ReadFromJsonAsync<Chat.ChatResponse>(ChatClient.Json))!;
        var second = await client.ChatAsync("And on Saturdays?", first.SessionId);

        var (before, after) = await RedisCallsAroundTheModelAsync(host, first.TraceId, expected: 3);
        var script = Assert.Single(before);
        Assert.Equal("EVAL", Command(script));
        // StackExchange.Redis sends a SET with an expiry as SETEX.
        Assert.Equal(["EVAL", "SETEX"], after.Select(Command).Order());
        // One round trip: the cache write was issued before the script's reply came back, not after it.
        var (closing, cacheWrite) = (after.Single(s => Command(s) == "EVAL"), after.Single(s => Command(s) == "SETEX"));
        Assert.True(cacheWrite.StartTimeUtc < closing.StartTimeUtc + closing.Duration, "the cache write waited for the closing script");

        // A later message (not cacheable): the opening and the closing script, nothing else.
        var (beforeSecond, afterSecond) = await RedisCallsAroundTheModelAsync(host, second.TraceId, expected: 2);
        Assert.Equal("EVAL", Command(Assert.Single(beforeSecond)));
        Assert.Equal("EVAL", Command(Assert.Single(afterSecond)));
    }

    [Fact]
    public async Task WithBudgetsOffANewSessionMakesNoRedisCallBeforeTheModel()
    {
        // Nothing to read (no session id) and nothing to reserve: the turn goes straight to the model.
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["Budgets:Enabled"] = "false" });
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("Where is my nearest branch?");

        var (before, after) = await RedisCallsAroundTheModelAsync(host, reply.TraceId, expected: 1);
        Assert.Empty(before);
        Assert.Equal("EVAL", Command(Assert.Single(after)));
    }

    /// <summary>
    /// The Redis spans of one chat turn (children of <c>chat.turn</c>), split into those that ended before the model call
    /// began and those that began after it ended. Outside the turn there is exactly one: the rate limiter's window.
    /// </summary>
    private static async Task<(List<Activity> Before, List<Activity> After)> RedisCallsAroundTheModelAsync(ChatApiHost host, string? traceId, int expected)
    {
        // The Redis instrumentation turns profiled commands into spans on a background drain (about every 10 s).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<Activity> trace;
        do
        {
            await Task.Delay(250);
            host.FlushTelemetry();
            trace = [.. host.Spans.ToArray().Where(s => s.TraceId.ToHexString() == traceId)];
        }
        while (trace.Count(IsRedis) < expected + 1 && DateTime.UtcNow < deadline);

        var turn = Assert.Single(trace, s => s.DisplayName == "chat.turn");
        var redis = trace.Where(IsRedis).ToList();
        var limiter = Assert.Single(redis, s => s.ParentSpanId != turn.SpanId);
        Assert.Equal("EXEC", Command(limiter));
        Assert.True(limiter.StartTimeUtc + limiter.Duration <= turn.StartTimeUtc, "the rate limit is checked before the turn starts");

        var inTurn = redis.Where(s => s.ParentSpanId == turn.SpanId).ToList();
        var model = Assert.Single(trace, s => s.DisplayName == "chat bank-assist-large");
        Assert.Equal(expected, inTurn.Count);
        return (
            [.. inTurn.Where(s => s.StartTimeUtc + s.Duration <= model.StartTimeUtc)],
            [.. inTurn.Where(s => s.StartTimeUtc >= model.StartTimeUtc + model.Duration)]);
    }

    private static bool IsRedis(Activity span) => span.Source.Name == UnrecordedParentRedisFilter.RedisSourceName;

    private static string Command(Activity span) => span.DisplayName;
}

using System.Diagnostics;
using System.Net;
using LlmReference.ChatApi.Chat;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// <c>POST /api/chat/stream</c> over real HTTP on both sides, with the model server's slow-stream fault to make
/// stalls and slow streams happen for real. Every test heals the model server when it ends.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class StreamingTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private ModelServerHost ModelServer => environment.ModelServer;

    public Task InitializeAsync() => ModelServer.HealAsync();

    public Task DisposeAsync() => ModelServer.HealAsync();

    private ChatApiHost Host(Dictionary<string, string?>? settings = null) => new(environment, settings);

    [Fact]
    public async Task StreamDeliversDeltasThenADoneEventWithUsage()
    {
        await using var host = Host();
        using var client = host.CreateKestrelClient();

        using var response = await client.PostStreamAsync("How do I report a stolen card?");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await response.ReadAllEventsAsync();

        var deltas = events.Where(e => e.Type == ChatStreamEvents.Delta).ToList();
        Assert.True(deltas.Count >= 2, $"expected several deltas, got {deltas.Count}");
        var done = Assert.Single(events, e => e.Type == ChatStreamEvents.Done);
        Assert.Same(done, events[^1]);
        Assert.Equal("bank-assist-large", done.Data.GetProperty("model").GetString());
        Assert.True(done.Data.GetProperty("usage").GetProperty("inputTokens").GetInt32() > 0);
        Assert.True(done.Data.GetProperty("usage").GetProperty("outputTokens").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(done.Data.GetProperty("responseId").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", done.Data.GetProperty("traceId").GetString());
        Assert.True(done.Data.GetProperty("latencyMs").GetDouble() >= done.Data.GetProperty("timeToFirstChunkMs").GetDouble());

        // The streamed text is the answer that was stored in the session.
        var reply = string.Concat(deltas.Select(d => d.Data.GetProperty("text").GetString()));
        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        var stored = await redis.GetAsync(done.Data.GetProperty("sessionId").GetString()!);
        Assert.NotNull(stored);
        Assert.Equal(reply, stored[^1].Content);
        Assert.Equal(AuthorRole.Assistant, stored[^1].Role);

        host.FlushTelemetry();
        // One time-to-first-chunk per stream, and a gap per later chunk, tagged with the model and the server that answered.
        var firstChunk = Assert.Single(HistogramPoints(host, ChatApiTelemetry.Metrics.GenAiTimeToFirstChunk));
        Assert.Equal(1, firstChunk.Count);
        Assert.Equal("bank-assist-large", firstChunk.Tags["gen_ai.request.model"]);
        Assert.NotNull(firstChunk.Tags["server.address"]);
        Assert.True(firstChunk.Sum * 1000 <= done.Data.GetProperty("latencyMs").GetDouble());
        var perChunk = Assert.Single(HistogramPoints(host, ChatApiTelemetry.Metrics.GenAiTimePerOutputChunk));
        Assert.True(perChunk.Count >= deltas.Count - 1, $"{perChunk.Count} chunk gaps for {deltas.Count} deltas");
        Assert.Equal("bank-assist-large", perChunk.Tags["gen_ai.request.model"]);
        Assert.Contains(host.Metrics, m => m.Name == ChatApiTelemetry.Metrics.GenAiTokenUsage);
    }

    [Fact]
    public async Task StreamOnAnUnknownSessionSaysItRestartedBeforeTheFirstEventAndInDone()
    {
        await using var host = Host();
        using var client = host.CreateKestrelClient();
        var unknown = "expired-" + Guid.NewGuid().ToString("N")[..8];

        using var response = await client.PostStreamAsync("Where were we?", unknown);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The header arrives with the response head, before any event: a client can say so at once.
        Assert.Equal(Sessions.SessionStatus.Restarted, response.Headers.GetValues(ChatEndpoints.SessionStatusHeader).Single());
        var done = Assert.Single(await response.ReadAllEventsAsync(), e => e.Type == ChatStreamEvents.Done);
        Assert.Equal(Sessions.SessionStatus.Restarted, done.Data.GetProperty("sessionStatus").GetString());
        Assert.Equal(unknown, done.Data.GetProperty("previousSessionId").GetString());
        var sessionId = done.Data.GetProperty("sessionId").GetString()!;
        Assert.NotEqual(unknown, sessionId);

        // The new session goes on.
        using var next = await client.PostStreamAsync("And now?", sessionId);
        var nextDone = Assert.Single(await next.ReadAllEventsAsync(), e => e.Type == ChatStreamEvents.Done);
        Assert.Equal(Sessions.SessionStatus.Continued, nextDone.Data.GetProperty("sessionStatus").GetString());
        Assert.Equal(sessionId, nextDone.Data.GetProperty("sessionId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nextDone.Data.GetProperty("previousSessionId").ValueKind);
    }

    [Fact]
    public async Task DeltasArriveBeforeTheAnswerIsComplete()
    {
        // The model sends two tokens, then holds the rest until it is healed, which happens only after a delta arrived
        // here: the delta was forwarded ahead of the answer's end by causality, not by a timing margin.
        await ModelServer.SetFaultAsync("slow-stream", new { afterTokens = 2 });
        await using var host = Host(new() { ["Chat:StreamIdleTimeout"] = "00:05:00" });
        using var client = host.CreateKestrelClient();

        using var response = await client.PostStreamAsync("What is the daily limit for contactless payments?");
        var events = new List<ReceivedEvent>();
        await using (var reader = response.EventsAsync().GetAsyncEnumerator())
        {
            while (await reader.MoveNextAsync())
            {
                events.Add(reader.Current);
                if (reader.Current.Type == ChatStreamEvents.Delta)
                {
                    break;
                }
            }

            Assert.True(events.Count > 0 && events[^1].Type == ChatStreamEvents.Delta,
                $"no delta while the model was stalled; got {string.Join(", ", events.Select(e => e.Type))}");

            await ModelServer.HealAsync();
            while (await reader.MoveNextAsync())
            {
                events.Add(reader.Current);
            }
        }

        var done = Assert.Single(events, e => e.Type == ChatStreamEvents.Done);
        Assert.Same(done, events[^1]);
        Assert.True(events.Count(e => e.Type == ChatStreamEvents.Delta) >= 2, "the rest of the answer did not follow the heal");
    }

    [Fact]
    public async Task StalledStreamEndsWithAnErrorEventWithinTheIdleTimeout()
    {
        // Two tokens, then silence until healed.
        await ModelServer.SetFaultAsync("slow-stream", new { afterTokens = 2 });
        // The idle timeout also bounds the wait for the first chunk (read before the response starts): 5 s leaves a
        // loaded machine ample time for those two tokens, where 1 s turned a slow start into a 504 problem.
        var idleTimeout = TimeSpan.FromSeconds(5);
        await using var host = Host(new() { ["Chat:StreamIdleTimeout"] = idleTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture) });
        using var client = host.CreateKestrelClient();

        var clock = Stopwatch.StartNew();
        using var response = await client.PostStreamAsync("Tell me about overdraft fees", "stalled-session");
        var events = await response.ReadAllEventsAsync(clock);

        var error = events[^1];
        Assert.Equal(ChatStreamEvents.Error, error.Type);
        Assert.Equal(504, error.Data.GetProperty("status").GetInt32());
        Assert.Contains("stopped sending", error.Data.GetProperty("detail").GetString());
        Assert.Contains(events, e => e.Type == ChatStreamEvents.Delta);
        Assert.DoesNotContain(events, e => e.Type == ChatStreamEvents.Done);
        // The stall was waited out (a lower bound no machine beats), and the stream did end, although the model would
        // have stalled until healed: the bound is a minute, far from the timeout, so only a missing timeout fails it.
        Assert.True(error.At >= idleTimeout, $"error event after {error.At}, before the {idleTimeout} idle timeout");
        Assert.True(error.At < TimeSpan.FromSeconds(60), $"error event after {error.At}");

        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        Assert.Null(await redis.GetAsync("stalled-session"));
    }

    [Fact]
    public async Task ClientDisconnectCancelsTheModelCall()
    {
        // The model stalls after two tokens until healed; only a cancelled call ends its request earlier.
        await ModelServer.SetFaultAsync("slow-stream", new { afterTokens = 2 });
        await ModelServer.ClearRequestsAsync();
        await using var host = Host(new() { ["Chat:StreamIdleTimeout"] = "00:05:00" });
        using var client = host.CreateKestrelClient();

        var response = await client.PostStreamAsync("Explain mortgage rates in detail");
        await using (var events = response.EventsAsync().GetAsyncEnumerator())
        {
            Assert.True(await events.MoveNextAsync());
            Assert.Equal(ChatStreamEvents.Delta, events.Current.Type);
        }

        response.Dispose(); // the client goes away mid-stream

        // The model server journals a request when its response completes: here, when ChatApi hung up on it.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        IReadOnlyList<System.Text.Json.JsonElement> recorded;
        do
        {
            await Task.Delay(100);
            recorded = await ModelServer.RecentRequestsAsync();
        }
        while (!recorded.Any(IsStreamedChat) && DateTime.UtcNow < deadline);

        Assert.Contains(recorded, IsStreamedChat);
    }

    [Fact]
    public async Task UnreachableModelIsAServiceUnavailableProblemNotAStream()
    {
        await using var host = Host(new() { ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString($"http://127.0.0.1:{TestSupport.GarnetFixture.FreeTcpPort()}/v1") });
        using var client = host.CreateKestrelClient();

        using var response = await client.PostStreamAsync("Hello?");

        await response.AssertProblemAsync(503);
    }

    [Fact]
    public async Task ModelOutageIsAServiceUnavailableProblemNotAStream()
    {
        await ModelServer.SetFaultAsync("outage");
        await using var host = Host();
        using var client = host.CreateKestrelClient();

        using var response = await client.PostStreamAsync("Hello?");

        var problem = await response.AssertProblemAsync(503);
        // The deployment is named; the provider's own error text ("injected outage") stays in the log.
        Assert.Contains("'model' (bank-assist-large)", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("injected outage", problem.GetProperty("detail").GetString());
        Assert.True(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task ModelRejectingAStreamIsABadGatewayProblem()
    {
        await using var host = Host(new() { ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString(environment.ModelServer.V1Endpoint.ToString(), "no-such-model") });
        using var client = host.CreateKestrelClient();

        using var response = await client.PostStreamAsync("Hello?");

        var problem = await response.AssertProblemAsync(502);
        ModelRefusal.AssertInOurWords(problem.GetProperty("detail").GetString(), "'model' (no-such-model)");
    }

    [Fact]
    public async Task InvalidStreamRequestIsABadRequestProblem()
    {
        await using var host = Host();
        using var client = host.CreateKestrelClient();

        using var response = await client.PostStreamAsync("");

        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task OpeningMoreStreamsThanAllowedIsRefused()
    {
        await ModelServer.SetFaultAsync("slow-stream", new { afterTokens = 1 });
        await using var host = Host(new() { ["RateLimiting:MaxConcurrentStreamsPerUser"] = "1" });
        using var client = host.CreateKestrelClient().As(ChatClient.NewUserId("streams"));

        using var open = await client.PostStreamAsync("First, long-running question");
        await using var events = open.EventsAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        using var second = await client.PostStreamAsync("Second question while the first is open");
        var problem = await second.AssertProblemAsync(429);
        Assert.Contains("streams may be open at once", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CachedAnswerIsStreamedAsOneDelta()
    {
        await using var host = Host(new() { ["ResponseCache:Enabled"] = "true" });
        using var client = host.CreateKestrelClient();
        var question = $"Which documents do I need to open an account? ({Guid.NewGuid():N})";
        await client.ChatAsync(question);

        using var response = await client.PostStreamAsync(question);
        var events = await response.ReadAllEventsAsync();

        Assert.Equal([ChatStreamEvents.Delta, ChatStreamEvents.Done], events.Select(e => e.Type));
        Assert.True(events[1].Data.GetProperty("cached").GetBoolean());
        Assert.Single(host.ModelTraffic.ChatBodies);
    }

    private static List<(long Count, double Sum, Dictionary<string, object?> Tags)> HistogramPoints(ChatApiHost host, string name)
    {
        var points = new List<(long, double, Dictionary<string, object?>)>();
        foreach (var metric in host.Metrics.Where(m => m.MeterName == ChatApiTelemetry.Name && m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                points.Add((point.GetHistogramCount(), point.GetHistogramSum(), tags));
            }
        }

        return points;
    }

    private static bool IsStreamedChat(System.Text.Json.JsonElement request) =>
        request.GetProperty("path").GetString() == "/v1/chat/completions" &&
        request.GetProperty("stream").ValueKind == System.Text.Json.JsonValueKind.True;
}

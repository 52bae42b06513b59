using System.Net;
using OpenTelemetry.Metrics;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Failover between two real model servers: the shared primary (<c>model</c>, bank-assist-large) and a fallback
/// started here (<c>model-fallback</c>, bank-assist-small), driven by the model server's own fault API.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class FailoverTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private readonly ModelServerHost _fallback = new("model-fallback", "bank-assist-small");

    public Task InitializeAsync() => environment.ModelServer.HealAsync();

    public async Task DisposeAsync()
    {
        await environment.ModelServer.HealAsync();
        await _fallback.DisposeAsync();
    }

    /// <summary>The configured cooldown, shorter than the 30 s <c>Retry-After</c> the rate-limit tests use.</summary>
    private static readonly TimeSpan ShortCooldown = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A cooldown no test outlasts, even on a loaded machine: while it runs the breaker is certainly open, so what the
    /// test sees is the open breaker's behaviour, not a race between the test's speed and the clock.
    /// </summary>
    private static readonly TimeSpan LongCooldown = TimeSpan.FromMinutes(10);

    /// <summary>A breaker that opens after two failed calls and cools down for <paramref name="cooldown"/> (3 s by default).</summary>
    private ChatApiHost Host(TimeSpan? cooldown = null, string fallbackModel = "bank-assist-small") => new(environment, new Dictionary<string, string?>(ChatApiHost.WithFallback(_fallback))
    {
        ["ConnectionStrings:model-fallback"] = ChatApiHost.ModelConnectionString(_fallback.V1Endpoint.ToString(), fallbackModel),
        ["Llm:Resilience:CircuitBreaker:MinimumThroughput"] = "2",
        ["Llm:Resilience:CircuitBreaker:FailureRatio"] = "0.5",
        ["Llm:Resilience:CircuitBreaker:BreakDuration"] = (cooldown ?? ShortCooldown).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>What an outage's failover may be tagged with: the 503 itself, or the breaker it opened.</summary>
    private static readonly string[] OutageErrorTypes = ["503", "circuit_open"];

    [Fact]
    public async Task HealthyPrimaryAnswers()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("What are your opening hours?");

        Assert.Equal("model", reply.Deployment);
        Assert.Equal("bank-assist-large", reply.Model);
    }

    [Fact]
    public async Task PrimaryOutageFailsOverAndTheOpenBreakerSkipsThePrimary()
    {
        await using var host = Host(LongCooldown);
        using var client = host.CreateClient();
        await environment.ModelServer.SetFaultAsync("outage");

        for (var i = 0; i < 4; i++)
        {
            var reply = await client.ChatAsync($"Is my transfer {i} complete?");
            Assert.Equal("model-fallback", reply.Deployment);
            Assert.Equal("bank-assist-small", reply.Model);

            // The trace says so too: the turn names the deployment that answered and records the hand-over.
            host.FlushTelemetry();
            var turn = Assert.Single(host.Spans, s => s.TraceId.ToHexString() == reply.TraceId && s.OperationName == ChatApiTelemetry.Spans.ChatTurn);
            Assert.Equal("model-fallback", turn.GetTagItem(ChatApiTelemetry.Tags.Deployment));
            Assert.Equal("bank-assist-small", turn.GetTagItem(ChatApiTelemetry.Tags.ResponseModel));
            var failover = Assert.Single(turn.Events, e => e.Name == "chat.failover");
            Assert.Equal("model", failover.Tags.First(t => t.Key == ChatApiTelemetry.Tags.FailoverFrom).Value);
            Assert.Equal("model-fallback", failover.Tags.First(t => t.Key == ChatApiTelemetry.Tags.FailoverTo).Value);
            // error.type by the OpenTelemetry convention: the primary's 503, or its open breaker; not an exception class.
            Assert.Contains(failover.Tags.First(t => t.Key == ChatApiTelemetry.Tags.ErrorType).Value as string, OutageErrorTypes);
        }

        // Once the breaker is open the primary is skipped without being called.
        await environment.ModelServer.ClearRequestsAsync();
        await client.ChatAsync("Skipped primary?");
        Assert.Empty(await environment.ModelServer.RecentRequestsAsync());

        host.FlushTelemetry();
        long failovers = 0;
        foreach (var metric in host.Metrics.Where(m => m.Name == ChatApiTelemetry.Metrics.Failovers))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                failovers += point.GetSumLong();
                string? errorType = null;
                foreach (var tag in point.Tags)
                {
                    errorType = tag.Key == ChatApiTelemetry.Tags.ErrorType ? tag.Value as string : errorType;
                }

                Assert.Contains(errorType, OutageErrorTypes);
            }
        }

        Assert.True(failovers >= 5, $"expected every outage-time chat to count a failover, saw {failovers}");
    }

    [Fact]
    public async Task AFallbackRefusingTheRequestIsABadGatewayThatNamesTheFallback()
    {
        // The primary is down, so the fallback is asked, for a model its server does not serve.
        await using var host = Host(LongCooldown, fallbackModel: "no-such-model");
        using var client = host.CreateClient();
        await environment.ModelServer.SetFaultAsync("outage");

        using var response = await client.PostChatAsync("Is my transfer complete?");

        var problem = await response.AssertProblemAsync(502);
        ModelRefusal.AssertInOurWords(problem.GetProperty("detail").GetString(), "'model-fallback' (no-such-model)");
        Assert.DoesNotContain("bank-assist-large", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuccessfulFailoverLeavesTheTurnGreen()
    {
        await using var host = Host(LongCooldown);
        using var client = host.CreateClient();
        await environment.ModelServer.SetFaultAsync("outage");

        var reply = await client.ChatAsync("Is my transfer complete?");
        Assert.Equal("model-fallback", reply.Deployment);

        var trace = await host.CompletedTraceAsync(reply.TraceId, "/api/chat");
        var red = string.Join(", ", trace.Where(s => s.Status == System.Diagnostics.ActivityStatusCode.Error)
            .Select(s => $"{s.Source.Name}/{s.DisplayName}"));

        // The answer arrived, so the request, the turn and the answering GenAI call are not errors; only the failed
        // attempt's own spans (its HTTP call, its GenAI call) are, which is what they were.
        // The model servers run in this process too: their server spans are in the trace, and the failed one is red.
        var server = Assert.Single(trace, s => s.Kind == System.Diagnostics.ActivityKind.Server && (s.GetTagItem("url.path") as string) == "/api/chat");
        Assert.True(server.Status != System.Diagnostics.ActivityStatusCode.Error, $"server span red; red spans: {red}");
        var turn = Assert.Single(trace, s => s.OperationName == ChatApiTelemetry.Spans.ChatTurn);
        Assert.True(turn.Status != System.Diagnostics.ActivityStatusCode.Error, $"turn span red; red spans: {red}");
        var answering = trace.Where(s => s.DisplayName == "chat bank-assist-small").ToList();
        Assert.NotEmpty(answering);
        Assert.All(answering, s => Assert.True(s.Status != System.Diagnostics.ActivityStatusCode.Error, $"answering GenAI span red; red spans: {red}"));
        // Red is only what did fail: the primary's attempt, and its GenAI span names the primary's model.
        Assert.Contains(trace, s => s.Status == System.Diagnostics.ActivityStatusCode.Error
            && (s.GetTagItem("gen_ai.request.model") as string) == "bank-assist-large");
    }

    [Fact]
    public async Task PrimaryReturnsAfterTheCooldownOnceHealed()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        await environment.ModelServer.SetFaultAsync("outage");

        // Two failed calls open the primary's breaker (minimum throughput 2); the fallback answers meanwhile.
        Assert.Equal("model-fallback", (await client.ChatAsync("Is my transfer complete?")).Deployment);
        Assert.Equal("model-fallback", (await client.ChatAsync("Is it complete now?")).Deployment);

        // Healed, the primary serves again by itself once the cooldown lets a probe through: no restart, no reset.
        await environment.ModelServer.HealAsync();
        var deadline = DateTime.UtcNow + ShortCooldown + TimeSpan.FromSeconds(30);
        string? deployment;
        do
        {
            await Task.Delay(250);
            deployment = (await client.ChatAsync("Back to normal?")).Deployment;
        }
        while (deployment != "model" && DateTime.UtcNow < deadline);

        Assert.Equal("model", deployment);
    }

    [Fact]
    public async Task RateLimitedPrimaryIsNotWaitedForWhenThereIsAFallback()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        await environment.ModelServer.SetFaultAsync("rate-limit", new { retryAfterSeconds = 30 });
        await environment.ModelServer.ClearRequestsAsync();

        // Without failover the profile's retry would honour Retry-After, wait 30 s and ask the primary again.
        var reply = await client.ChatAsync("Can I raise my card limit?");

        Assert.Equal("model-fallback", reply.Deployment);
        // Asked once, refused with 429, never asked again: the turn went straight to the fallback (no clock involved).
        var primaryCalls = (await environment.ModelServer.RecentRequestsAsync())
            .Where(r => r.GetProperty("path").GetString()!.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
        Assert.Equal(429, Assert.Single(primaryCalls).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task RateLimitedPrimaryStaysSkippedForItsRetryAfter()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        await environment.ModelServer.SetFaultAsync("rate-limit", new { retryAfterSeconds = 30 });

        // Two 429s open the primary's breaker (minimum throughput 2).
        await client.ChatAsync("First question");
        await client.ChatAsync("Second question");
        await environment.ModelServer.HealAsync();
        await environment.ModelServer.ClearRequestsAsync();

        // The configured cooldown is 3 s, but the primary asked for 30: after 4 s it is still skipped.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var reply = await client.ChatAsync("Third question");

        Assert.Equal("model-fallback", reply.Deployment);
        Assert.Empty(await environment.ModelServer.RecentRequestsAsync());
    }

    [Fact]
    public async Task StreamsFailOverBeforeTheFirstPiece()
    {
        await using var host = Host();
        using var client = host.CreateKestrelClient();
        await environment.ModelServer.SetFaultAsync("outage");

        using var response = await client.PostStreamAsync("Stream me an answer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = (await response.ReadAllEventsAsync()).Single(e => e.Type == Chat.ChatStreamEvents.Done);

        Assert.Equal("model-fallback", done.Data.GetProperty("deployment").GetString());
        Assert.Equal("bank-assist-small", done.Data.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AllDeploymentsDownIsServiceUnavailable()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        await environment.ModelServer.SetFaultAsync("outage");
        await _fallback.SetFaultAsync("outage");

        using var response = await client.PostChatAsync("Anyone?");

        var problem = await response.AssertProblemAsync(503);
        var detail = problem.GetProperty("detail").GetString();
        // Every deployment tried is named; the providers' own error texts stay in the log.
        Assert.Contains("'model' (bank-assist-large)", detail);
        Assert.Contains("'model-fallback' (bank-assist-small)", detail);
        Assert.DoesNotContain("injected outage", detail);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);
        Assert.Contains($"retry after {retryAfter} s", detail);
    }

    [Fact]
    public async Task AllDeploymentsDownBeforeAStreamIsServiceUnavailableWithRetryAfter()
    {
        await using var host = Host(LongCooldown);
        using var client = host.CreateKestrelClient();
        await environment.ModelServer.SetFaultAsync("outage");
        await _fallback.SetFaultAsync("outage");

        // Two turns open both breakers (minimum throughput 2); the third is refused by them, and Retry-After is the
        // breakers' remaining break, far beyond the 10 s default.
        (await client.PostStreamAsync("Anyone?")).Dispose();
        (await client.PostStreamAsync("Anyone now?")).Dispose();
        using var response = await client.PostStreamAsync("Still nobody?");

        var problem = await response.AssertProblemAsync(503);
        Assert.Contains("'model-fallback' (bank-assist-small)", problem.GetProperty("detail").GetString());
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 60, (int)LongCooldown.TotalSeconds);
    }
}

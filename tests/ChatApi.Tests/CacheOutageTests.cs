using System.Diagnostics;
using System.Net;
using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Sessions;
using LlmReference.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// The cache goes away under a running ChatApi (through a <see cref="CacheProxy"/> in front of the real Garnet): a
/// request learns it well within the old 5 s timeout, then the breaker refuses at once with 503 problem details and
/// Retry-After (never a 500), and when the cache is back the same host answers again, with the session intact.
/// The breaker's break duration passes on a <see cref="FakeTimeProvider"/>; only Redis reconnecting takes real time.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class CacheOutageTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    /// <summary>The production default, set explicitly (test hosts use a longer one); the bound asserted on the first failure is this plus generous slack.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private CacheProxy _proxy = null!;
    private OutageHost _host = null!;

    public Task InitializeAsync()
    {
        _proxy = new CacheProxy(environment.Garnet.Port);
        _host = new OutageHost(environment, _clock, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = _proxy.ConnectionString,
            ["Cache:Resilience:BreakDuration"] = BreakDuration.ToString(),
            ["Cache:Resilience:CommandTimeout"] = CommandTimeout.ToString(),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task StoppedCacheFailsFastThenTheBreakerRefusesUntilItReturns()
    {
        using var client = _host.CreateClient();
        await WaitUntilConnectedAsync();
        var before = await client.ChatAsync("Hello before the outage");

        _proxy.Refuse();
        await AssertFailsFastThenBreakerOpensAsync(client, before.SessionId);

        // Streamed chat and feedback are refused the same way while the breaker is open.
        using var streamed = await client.PostStreamAsync("And streamed?", before.SessionId);
        await AssertRefusedByBreakerAsync(streamed);
        using var feedback = await client.PostAsync("/api/chat/feedback", System.Net.Http.Json.JsonContent.Create(new { responseId = before.ResponseId, score = "up" }));
        await AssertRefusedByBreakerAsync(feedback);

        await AssertRecoversAsync(client, before.SessionId);
    }

    [Fact]
    public async Task HungCacheCostsOneCommandTimeoutThenTheBreakerRefusesUntilItAnswers()
    {
        using var client = _host.CreateClient();
        await WaitUntilConnectedAsync();
        var before = await client.ChatAsync("Hello before the pause");

        _proxy.Hang();
        await AssertFailsFastThenBreakerOpensAsync(client, before.SessionId);

        await AssertRecoversAsync(client, before.SessionId);
    }

    [Fact]
    public async Task EveryRefusedChatIsCountedAsStoreUnavailable()
    {
        using var client = _host.CreateClient();
        await WaitUntilConnectedAsync();
        await client.ChatAsync("Hello");
        _proxy.Refuse();

        var refused = 0;
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostChatAsync("Anyone?");
            await response.AssertProblemAsync(503);
            refused++;
        }

        _host.FlushTelemetry();
        var counted = 0L;
        foreach (var metric in _host.Metrics.Where(m => m.MeterName == ChatApiTelemetry.Name && m.Name == ChatApiTelemetry.Metrics.Requests))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == ChatApiTelemetry.Tags.Outcome && (string?)tag.Value == ChatApiTelemetry.Outcomes.StoreUnavailable)
                    {
                        counted += point.GetSumLong();
                    }
                }
            }
        }

        // The handler counts the failures it saw; the breaker's refusals (handler never ran) are counted too.
        Assert.Equal(refused, counted);
        Assert.Contains(_host.Metrics, m => m.Name == ServiceDefaults.Cache.CacheTelemetry.CircuitRejections);
        Assert.Contains(_host.Metrics, m => m.Name == ServiceDefaults.Cache.CacheTelemetry.CircuitState);
    }

    /// <summary>
    /// The first request after the cache went away is a 503 with Retry-After well within the old 5 s wait; within the
    /// breaker's minimum throughput the breaker opens, and from then on the handler is not run at all.
    /// </summary>
    private async Task AssertFailsFastThenBreakerOpensAsync(HttpClient client, string sessionId)
    {
        var clock = Stopwatch.StartNew();
        using var first = await client.PostChatAsync("Are you there?", sessionId);
        var took = clock.Elapsed;
        var problem = await first.AssertProblemAsync(503);
        Assert.NotNull(first.Headers.RetryAfter?.Delta);
        // The command timeout plus generous slack for a loaded machine; before, every request waited 5 s.
        Assert.True(took < CommandTimeout + TimeSpan.FromSeconds(3), $"the first request took {took} to fail");

        var opened = problem.GetProperty("title").GetString() == "Cache unavailable";
        for (var attempt = 0; !opened && attempt < 3; attempt++)
        {
            using var response = await client.PostChatAsync("Still there?", sessionId);
            problem = await response.AssertProblemAsync(503);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            opened = problem.GetProperty("title").GetString() == "Cache unavailable";
        }

        Assert.True(opened, "the breaker did not open within its minimum throughput of failed requests");
        var modelCalls = _host.ModelTraffic.ChatBodies.Count;
        using var refused = await client.PostChatAsync("Refused at once?", sessionId);
        await AssertRefusedByBreakerAsync(refused);
        Assert.Equal(modelCalls, _host.ModelTraffic.ChatBodies.Count);
    }

    private static async Task AssertRefusedByBreakerAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(503);
        // Only the breaker writes this title: the handler (which would call the cache) did not run.
        Assert.Equal("Cache unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), BreakDuration);
    }

    /// <summary>
    /// The cache comes back: once StackExchange.Redis has reconnected by itself (real time, bounded generously) and the
    /// break has passed (fake time), the next request is answered, in the same session, without restarting anything.
    /// </summary>
    private async Task AssertRecoversAsync(HttpClient client, string sessionId)
    {
        _proxy.Resume();
        await WaitUntilConnectedAsync();
        _clock.Advance(BreakDuration);

        var after = await client.ChatAsync("Back again?", sessionId);
        Assert.Equal(sessionId, after.SessionId);
        Assert.Equal(SessionStatus.Continued, after.SessionStatus);
    }

    /// <summary>
    /// StackExchange.Redis (re)connects by itself, in real time: wait for it, bounded generously. Also called before a
    /// test's first request: on a loaded machine the handshake can outlast a command timeout.
    /// </summary>
    private async Task WaitUntilConnectedAsync()
    {
        var redis = _host.Services.GetRequiredService<IConnectionMultiplexer>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!redis.IsConnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(redis.IsConnected, "StackExchange.Redis did not connect within 30 s");
    }

    /// <summary>ChatApi with the breaker's (and the service's) clock under the test's control.</summary>
    private sealed class OutageHost(ChatApiEnvironment environment, TimeProvider clock, IDictionary<string, string?> settings)
        : ChatApiHost(environment, settings)
    {
        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(clock);
    }
}

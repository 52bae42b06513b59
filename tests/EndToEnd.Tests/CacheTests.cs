using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// The embedded cache through the AppHost: a killed <c>cache-server</c> started again from the dashboard's Start
/// command still has the sessions and scored transactions written before; "Pause cache" refuses connections and turns
/// <c>cache</c> Unhealthy while ChatApi and FraudService answer 503 with <c>Retry-After</c> (their breakers refuse
/// without calling the cache), "Resume cache" brings the same data back and the services recover without a restart;
/// "Flush cache" erases it.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class CacheTests(AppHostFixture fixture)
{
    private const string Server = "cache-server";
    private const string Cache = "cache";

    /// <summary>Generous bound for a state change to show (process start, health-check period), not a latency claim.</summary>
    private static readonly TimeSpan StateTimeout = TimeSpan.FromMinutes(2);

    private ResourceCommandService Commands => fixture.App.Services.GetRequiredService<ResourceCommandService>();

    private ResourceNotificationService Notifications => fixture.App.ResourceNotifications;

    private Uri RespEndpoint => fixture.App.GetEndpoint(Server, "tcp");

    [Fact]
    public void CacheServerOffersTheCacheCommandsAndParentsTheCache()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var server = model.Resources.Single(r => r.Name == Server);
        var commands = server.Annotations.OfType<ResourceCommandAnnotation>().ToList();
        Assert.All(CacheChaosCommands.All, c => Assert.Contains(c.Name, commands.Select(a => a.Name)));

        // Destructive commands ask first.
        Assert.False(string.IsNullOrWhiteSpace(commands.Single(c => c.Name == "cache-pause").ConfirmationMessage));
        Assert.False(string.IsNullOrWhiteSpace(commands.Single(c => c.Name == "cache-flush").ConfirmationMessage));

        var cache = model.Resources.Single(r => r.Name == Cache);
        Assert.Same(server, cache.Annotations.OfType<ResourceRelationshipAnnotation>().Single(r => r.Type == "Parent").Resource);
    }

    [Fact]
    public async Task KilledCacheServerStartedAgainThroughTheAppHostKeepsSessionsAndTransactions()
    {
        using var chat = fixture.CreateClient("chatapi");
        using var fraud = fixture.CreateClient("fraud");

        var first = await PostJsonAsync(chat, "/api/chat", new { message = "What is the overdraft fee on a current account?" });
        var sessionId = first.GetProperty("sessionId").GetString();
        var transactionId = $"e2e-cache-{Guid.NewGuid():N}";
        var scored = await PostJsonAsync(fraud, "/api/fraud/score", Transaction(transactionId));

        // Kill the process outright (no graceful stop, no checkpoint), as a crash would.
        var pid = ProcessId(Server);
        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }

        await Notifications.WaitForResourceAsync(Server, e => e.Snapshot.State?.Text is not (null or "Running" or "Starting"))
            .WaitAsync(StateTimeout);
        // The Resources page no longer shows a healthy cache while its server is gone.
        await Notifications.WaitForResourceAsync(Cache, e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy).WaitAsync(StateTimeout);

        // Started again the way the dashboard's Start button does it.
        var start = await Commands.ExecuteCommandAsync(Server, KnownResourceCommands.StartCommand, CancellationToken.None);
        Assert.True(start.Success, $"Start {Server}: {start.Message}");
        await Notifications.WaitForResourceHealthyAsync(Server).WaitAsync(StateTimeout);
        await Notifications.WaitForResourceHealthyAsync(Cache).WaitAsync(StateTimeout);

        // The services reconnect by themselves; their readiness (which includes the cache) says when.
        await WaitUntilReadyAsync(chat);
        await WaitUntilReadyAsync(fraud);

        var second = await PostJsonAsync(chat, "/api/chat", new { sessionId, message = "What did I just ask you about?" });
        Assert.Equal(sessionId, second.GetProperty("sessionId").GetString());
        Assert.Equal("continued", second.GetProperty("sessionStatus").GetString());
        // The model only knows the first question through the history kept in the cache, which survived the kill.
        Assert.Contains("overdraft", second.GetProperty("reply").GetString(), StringComparison.OrdinalIgnoreCase);

        using var stored = await fraud.GetAsync($"/api/fraud/transactions/{transactionId}");
        var body = await stored.Content.ReadAsStringAsync();
        Assert.True(stored.StatusCode == HttpStatusCode.OK, $"GET transaction after the restart returned {(int)stored.StatusCode}: {body}");
        var transaction = JsonDocument.Parse(body).RootElement;
        Assert.Equal(transactionId, transaction.GetProperty("transactionId").GetString());
        Assert.Equal(scored.GetProperty("score").GetDouble(), transaction.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task PauseCacheRefusesConnectionsAndResumeCacheServesTheSameData()
    {
        using var chat = fixture.CreateClient("chatapi", userId: $"e2e-pause-{Guid.NewGuid():N}");
        using var fraud = fixture.CreateClient("fraud");
        var before = await PostJsonAsync(chat, "/api/chat", new { message = "What is the overdraft fee on a current account?" });
        var sessionId = before.GetProperty("sessionId").GetString();

        var key = $"e2e:pause:{Guid.NewGuid():N}";
        Assert.Equal("+OK", await RespProbe.SendAsync(RespEndpoint, "SET", key, "kept", "EX", "3600"));

        try
        {
            await RunAsync("cache-pause");

            var refused = await Assert.ThrowsAsync<SocketException>(() => RespProbe.SendAsync(RespEndpoint, "PING"));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

            // The Resources page: the connection-string resource follows its server's health.
            await Notifications.WaitForResourceAsync(Cache, e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy).WaitAsync(StateTimeout);
            await Notifications.WaitForResourceAsync(Server, e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy).WaitAsync(StateTimeout);

            // Degraded, not dead: both services answer every request at once with a 503 problem and Retry-After (never
            // a 500, never a hang), and once their breakers have seen the outage they refuse without calling the cache.
            var answers = new List<(HttpStatusCode Status, string? Title, bool RetryAfter)>();
            for (var i = 0; i < 5; i++)
            {
                answers.Add(await AnswerAsync(chat.PostAsJsonAsync("/api/chat", new { sessionId, message = $"And the fee for a card? ({i})" })));
                answers.Add(await AnswerAsync(fraud.PostAsJsonAsync("/api/fraud/score", Transaction($"e2e-paused-{Guid.NewGuid():N}"))));
            }

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
            Assert.All(answers, a => Assert.True(a.RetryAfter, "A cache 503 carries Retry-After."));
            // Each service's breaker opened (a half-open probe between refusals may still reach the cache and fail).
            Assert.Contains(answers.Where((_, i) => i % 2 == 0), a => a.Title == CacheCircuitFilterTitle);
            Assert.Contains(answers.Where((_, i) => i % 2 == 1), a => a.Title == CacheCircuitFilterTitle);
        }
        finally
        {
            await RunAsync("cache-resume");
        }

        Assert.Equal("+PONG", await RespProbe.SendAsync(RespEndpoint, "PING"));
        Assert.Equal("kept", await RespProbe.SendAsync(RespEndpoint, "GET", key));
        var ttl = int.Parse((await RespProbe.SendAsync(RespEndpoint, "TTL", key)).TrimStart(':'), CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 1, 3600);

        await Notifications.WaitForResourceHealthyAsync(Cache).WaitAsync(StateTimeout);
        await Notifications.WaitForResourceHealthyAsync(Server).WaitAsync(StateTimeout);

        // Recovered without a restart: readiness turns green, and the conversation from before the pause goes on (a
        // breaker still cooling down answers 503 with Retry-After, which this client honours, as a client should).
        await WaitUntilReadyAsync(chat);
        await WaitUntilReadyAsync(fraud);
        var after = await AfterRetryAfterAsync(() => chat.PostAsJsonAsync("/api/chat", new { sessionId, message = "What did I ask you first?" }));
        Assert.Equal(sessionId, after.GetProperty("sessionId").GetString());
        Assert.Equal("continued", after.GetProperty("sessionStatus").GetString());
        Assert.Contains("overdraft", after.GetProperty("reply").GetString(), StringComparison.OrdinalIgnoreCase);
        var scored = await AfterRetryAfterAsync(() => fraud.PostAsJsonAsync("/api/fraud/score", Transaction($"e2e-resumed-{Guid.NewGuid():N}")));
        Assert.True(scored.TryGetProperty("score", out _));
    }

    /// <summary>The title of the 503 a service's cache breaker writes when it refuses without calling the cache.</summary>
    private const string CacheCircuitFilterTitle = "Cache unavailable";

    private static object Transaction(string transactionId) => new
    {
        transactionId,
        amount = 42.50m,
        currency = "GBP",
        merchantCategory = "grocery",
        country = "GB",
        cardPresent = true,
        timestamp = DateTimeOffset.UtcNow.AddMinutes(-5),
        customerId = $"cust-{Guid.NewGuid():N}",
    };

    private static async Task<(HttpStatusCode Status, string? Title, bool RetryAfter)> AnswerAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"500: {body}");
        var title = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonDocument.Parse(body).RootElement.GetProperty("title").GetString()
            : null;
        return (response.StatusCode, title, response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero);
    }

    /// <summary>
    /// Sends once; a 503 from a cache breaker still cooling down is accepted only with its Retry-After, which is waited
    /// out before the next try. Anything else must be a success. Bounded by <see cref="StateTimeout"/>.
    /// </summary>
    private static async Task<JsonElement> AfterRetryAfterAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow + StateTimeout;
        while (true)
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline
                && response.Headers.RetryAfter?.Delta is { } wait
                && JsonDocument.Parse(body).RootElement.GetProperty("title").GetString() == CacheCircuitFilterTitle)
            {
                await Task.Delay(wait);
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    [Fact]
    public async Task FlushCacheErasesEveryKey()
    {
        string[] keys = [$"e2e:flush:{Guid.NewGuid():N}", $"e2e:flush:{Guid.NewGuid():N}", $"e2e:flush:{Guid.NewGuid():N}"];
        foreach (var key in keys)
        {
            Assert.Equal("+OK", await RespProbe.SendAsync(RespEndpoint, "SET", key, "erased"));
        }

        await RunAsync("cache-flush");

        // Every key written before the flush is gone. (DBSIZE is no measure: the running services, the fraud simulator
        // among them, write new keys as soon as the flush has happened.)
        Assert.Equal(":0", await RespProbe.SendAsync(RespEndpoint, ["EXISTS", .. keys]));
    }

    private async Task RunAsync(string command)
    {
        var result = await Commands.ExecuteCommandAsync(Server, command, CancellationToken.None);
        Assert.True(result.Success, $"{command} on {Server}: {result.Message}");
    }

    private int ProcessId(string resource)
    {
        Assert.True(Notifications.TryGetCurrentState(resource, out var current), $"No state for {resource}.");
        var pid = current.Snapshot.Properties.SingleOrDefault(p => p.Name == "executable.pid")?.Value;
        Assert.NotNull(pid);
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    /// <summary>Polls the service's readiness (which includes its cache check), never the call a test asserts on.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + StateTimeout;
        while (true)
        {
            using var health = await client.GetAsync("/health");
            if (health.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                return;
            }

            await Task.Delay(500);
        }
    }

    private static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, object payload)
    {
        using var response = await client.PostAsJsonAsync(path, payload);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// The AppHost with two ChatApi replicas (<c>--Replicas:chatapi=2</c>) and small per-user limits. Each request goes to
/// one replica chosen by the test (its own address, not Aspire's proxy), so the tests know which replica answered:
/// a user's rate limit, token budget, session and open streams are one across both.
/// </summary>
public sealed class TwoChatApiReplicasFixture : AppHostFixture
{
    public TwoChatApiReplicasFixture()
        : base(["--Replicas:chatapi=2"])
    {
        _replicas = new(FindReplicasAsync);
    }

    public const int PermitLimit = 6;

    protected override IEnumerable<(string Resource, string Name, string Value)> ExtraSettings =>
    [
        ("chatapi", "RateLimiting__PermitLimit", PermitLimit.ToString(CultureInfo.InvariantCulture)),
        // Far longer than the test: the window cannot reopen mid-test on a slow machine.
        ("chatapi", "RateLimiting__Window", "00:30:00"),
        ("chatapi", "RateLimiting__MaxConcurrentStreamsPerUser", "1"),
    ];

    private readonly Lazy<Task<IReadOnlyList<Uri>>> _replicas;

    /// <summary>Each running ChatApi replica's own address (its <c>ASPNETCORE_URLS</c>), behind Aspire's proxy; found once.</summary>
    public Task<IReadOnlyList<Uri>> ChatApiReplicasAsync() => _replicas.Value;

    // As long as the AppHost's own start may take: on a loaded 2-core CI machine a replica's first readiness and
    // warm-up can take minutes; the tests assert what the replicas answer, not how soon they are ready.
    private static readonly TimeSpan ReplicasReadyTimeout = TimeSpan.FromMinutes(3);

    private async Task<IReadOnlyList<Uri>> FindReplicasAsync()
    {
        using var timeout = new CancellationTokenSource(ReplicasReadyTimeout);
        var replicas = new Dictionary<string, Uri>();
        await foreach (var change in App.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (change.Resource.Name == "chatapi"
                && change.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value is { Length: > 0 } urls)
            {
                replicas[change.ResourceId] = new Uri(urls.Split(';')[0].Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            }

            if (replicas.Count == 2)
            {
                // The AppHost waited for the resource's health through its proxy, which reached one replica; wait
                // until each replica's own readiness (its cache connection included) reports healthy.
                foreach (var replica in replicas.Values)
                {
                    await WaitUntilReadyAsync(replica, timeout.Token);
                    await WarmUpAsync(replica, timeout.Token);
                }

                return [.. replicas.Values];
            }
        }

        throw new InvalidOperationException("ChatApi's two replicas did not report their addresses.");
    }

    /// <summary>
    /// One chat and one stream per replica, as users no test uses, before any test's requests; their answers are not
    /// asserted. On this shared 2-core machine (load average 25-35) a fresh replica's first cache transaction exceeded
    /// the 1 s command timeout (503), and a fresh replica's first stream, opened while the model's slow-stream fault was
    /// on, answered 500 (cause not found yet: see the branch report).
    /// </summary>
    private static async Task WarmUpAsync(Uri replica, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = replica, Timeout = TimeSpan.FromSeconds(90) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new { message = "Warm-up" }) };
        request.Headers.Add("X-User-Id", $"e2e-warmup-{Guid.NewGuid():N}");
        using var response = await client.SendAsync(request, cancellationToken);
        using var stream = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream") { Content = JsonContent.Create(new { message = "Warm-up stream" }) };
        stream.Headers.Add("X-User-Id", $"e2e-warmup-{Guid.NewGuid():N}");
        using var streamed = await client.SendAsync(stream, cancellationToken);
        await streamed.Content.ReadAsStringAsync(cancellationToken);
    }

    private static async Task WaitUntilReadyAsync(Uri replica, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = replica };
        var last = "no answer";
        while (true)
        {
            try
            {
                using var health = await client.GetAsync("/health", cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)health.StatusCode}: {await health.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message; // Not listening yet.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"ChatApi replica {replica} was not ready within {ReplicasReadyTimeout}; last /health: {last}");
            }

            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"ChatApi replica {replica} was not ready within {ReplicasReadyTimeout}; last /health: {last}");
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoChatApiReplicasCollection : ICollectionFixture<TwoChatApiReplicasFixture>
{
    public const string Name = "TwoChatApiReplicas";
}

[Collection(TwoChatApiReplicasCollection.Name)]
public sealed class ReplicaTests(TwoChatApiReplicasFixture fixture)
{
    [Fact]
    public async Task OneUsersRateLimitBudgetAndSessionHoldAcrossBothReplicas()
    {
        var replicas = await fixture.ChatApiReplicasAsync();
        Assert.NotEqual(replicas[0], replicas[1]);
        using var first = Client(replicas[0]);
        using var second = Client(replicas[1]);
        var user = $"e2e-replicas-{Guid.NewGuid():N}"[..40];

        string? session = null;
        long? remainingToday = null;
        for (var i = 0; i < TwoChatApiReplicasFixture.PermitLimit; i++)
        {
            // Alternately to each replica, in one session.
            using var response = await PostAsync(i % 2 == 0 ? first : second, user, $"Question {i} about my card fees ({Guid.NewGuid():N})", session);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"request {i} to replica {i % 2}: {(int)response.StatusCode} {body}");
            if (session is null)
            {
                session = body.GetProperty("sessionId").GetString();
            }
            else
            {
                // The other replica continues the session the previous one stored.
                Assert.Equal(session, body.GetProperty("sessionId").GetString());
                Assert.Equal("continued", body.GetProperty("sessionStatus").GetString());
            }

            // One daily token budget: each answer, from either replica, leaves less than the one before.
            var remaining = long.Parse(Assert.Single(response.Headers.GetValues("X-RateLimit-Remaining-Tokens-Day")), CultureInfo.InvariantCulture);
            Assert.True(remainingToday is null || remaining < remainingToday, $"request {i}: {remaining} tokens left after {remainingToday}");
            remainingToday = remaining;
        }

        // The limit was spent across both: each replica now refuses the user.
        foreach (var replica in new[] { first, second })
        {
            using var refused = await PostAsync(replica, user, "One more?", session);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains($"At most {TwoChatApiReplicasFixture.PermitLimit} chat requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task AStreamOpenOnOneReplicaCountsOnTheOther()
    {
        var replicas = await fixture.ChatApiReplicasAsync();
        using var first = Client(replicas[0]);
        using var second = Client(replicas[1]);
        using var model = new ModelAdmin(fixture, "model");
        var user = $"e2e-streams-{Guid.NewGuid():N}"[..40];
        await model.SetFaultAsync("slow-stream", new { afterTokens = 1 });
        try
        {
            // Held open by the stalled model (until healed, or ChatApi's idle timeout of a few seconds).
            using var open = await StreamAsync(first, user, $"A long question ({Guid.NewGuid():N})");
            Assert.True(open.StatusCode == HttpStatusCode.OK, $"{(int)open.StatusCode}: {(open.IsSuccessStatusCode ? "" : await open.Content.ReadAsStringAsync())}");
            await using var body = await open.Content.ReadAsStreamAsync();
            var firstBytes = new byte[1];
            Assert.Equal(1, await body.ReadAsync(firstBytes));

            using var refused = await StreamAsync(second, user, "A second question while the first is open");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("streams may be open at once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await model.SetFaultAsync("heal", new { });
        }
    }

    private static HttpClient Client(Uri replica) => new() { BaseAddress = replica, Timeout = TimeSpan.FromSeconds(90) };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string user, string message, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new { sessionId = session, message }) };
        request.Headers.Add("X-User-Id", user);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> StreamAsync(HttpClient client, string user, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream") { Content = JsonContent.Create(new { message }) };
        request.Headers.Add("X-User-Id", user);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}

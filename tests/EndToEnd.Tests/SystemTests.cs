using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmReference.EndToEnd.Tests;

/// <summary>The foundation's promises, checked against the running system.</summary>
[Collection(AppHostCollection.Name)]
public sealed class SystemTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData("chatapi")]
    [InlineData("fraud")]
    [InlineData("model")]
    [InlineData("model-fallback")]
    public async Task EveryServiceReportsHealthy(string resource)
    {
        using var client = fixture.CreateClient(resource);

        using var response = await client.GetAsync("/health");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Every dependency and model check is Healthy. The slo check reports how the other tests' traffic (outages
        // included) burned the error budget, so it may rightly be Degraded here.
        foreach (var check in report.GetProperty("checks").EnumerateObject().Where(c => c.Name != "slo"))
        {
            Assert.True(check.Value.GetProperty("status").GetString() == "Healthy", $"{resource}'s check '{check.Name}' is {check.Value}");
        }
    }

    [Fact]
    public async Task ChatApiReadinessIncludesTheCache()
    {
        using var client = fixture.CreateClient("chatapi");

        var report = await client.GetFromJsonAsync<JsonElement>("/health");

        var checks = report.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Contains(checks, name => name.Contains("redis", StringComparison.OrdinalIgnoreCase)
            || name.Contains("cache", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SecondTurnOfAChatDependsOnTheFirst()
    {
        using var client = fixture.CreateClient("chatapi");

        var first = await PostChatAsync(client, new { message = "What is the overdraft fee on a current account?" });
        var sessionId = first.GetProperty("sessionId").GetString();
        var second = await PostChatAsync(client, new { sessionId, message = "What did I just ask you about?" });

        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("reply").GetString()));
        Assert.Equal(sessionId, second.GetProperty("sessionId").GetString());
        // The model only knows the first question through the history ChatApi keeps in the cache.
        Assert.Contains("overdraft", second.GetProperty("reply").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(second.GetProperty("usage").GetProperty("inputTokens").GetInt32()
            > first.GetProperty("usage").GetProperty("inputTokens").GetInt32());
    }

    [Fact]
    public async Task FraudServiceScoresATransaction()
    {
        using var client = fixture.CreateClient("fraud");

        var everyday = await ScoreAsync(client, amount: 23.40m, merchantCategory: "grocery", country: "GB", cardPresent: true, hour: 14);
        var risky = await ScoreAsync(client, amount: 4_800m, merchantCategory: "electronics", country: "BR", cardPresent: false, hour: 3);

        foreach (var result in new[] { everyday, risky })
        {
            Assert.InRange(result.GetProperty("score").GetDouble(), 0, 1);
            Assert.Contains(result.GetProperty("decision").GetString(), new[] { "approve", "review", "decline" });
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("modelVersion").GetString()));
        }

        Assert.True(risky.GetProperty("score").GetDouble() > everyday.GetProperty("score").GetDouble());
        Assert.Equal("approve", everyday.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task OneTraceSpansChatApiAndTheModelServer()
    {
        using var chat = fixture.CreateClient("chatapi");
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpanId = ActivitySpanId.CreateRandom();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = JsonContent.Create(new { message = "How do I freeze my card?" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");
        using var response = await chat.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        // ChatApi continued the caller's trace and reports it back.
        Assert.Equal(traceId.ToString(), body.GetProperty("traceId").GetString());

        // The model server received the same trace id, from a span ChatApi created (not the caller's own span).
        var received = await ModelServerRequestsAsync("model");
        var match = received.FirstOrDefault(r => r.TryGetProperty("traceId", out var t) && t.GetString() == traceId.ToString());
        Assert.True(match.ValueKind == JsonValueKind.Object, $"The model server saw no request in trace {traceId}.");
        Assert.NotEqual(callerSpanId.ToString(), match.GetProperty("parentSpanId").GetString());
    }

    private async Task<List<JsonElement>> ModelServerRequestsAsync(string resource)
    {
        using var client = fixture.CreateClient(resource);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/requests");
        request.Headers.Add("X-Admin-Key", await fixture.GetModelAdminKeyAsync());
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var root = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = root.ValueKind == JsonValueKind.Array
            ? root
            : root.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return [.. items.EnumerateArray()];
    }

    private static async Task<JsonElement> PostChatAsync(HttpClient client, object payload)
    {
        using var response = await client.PostAsJsonAsync("/api/chat", payload);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/chat returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> ScoreAsync(HttpClient client, decimal amount, string merchantCategory, string country, bool cardPresent, int hour)
    {
        var timestamp = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-1).AddHours(hour), TimeSpan.Zero);
        using var response = await client.PostAsJsonAsync("/api/fraud/score", new
        {
            amount,
            currency = "GBP",
            merchantCategory,
            country,
            cardPresent,
            timestamp,
            customerId = $"cust-{Guid.NewGuid():N}",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/fraud/score returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

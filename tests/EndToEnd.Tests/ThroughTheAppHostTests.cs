using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// ChatApi's features that the in-process tests prove with test doubles around them, proven here through the AppHost:
/// real processes, service discovery, Garnet, both model deployments and FraudService.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ThroughTheAppHostTests(AppHostFixture fixture)
{
    [Fact]
    public async Task AStreamedChatSendsDeltasThenDoneWithUsage()
    {
        using var chat = fixture.CreateClient("chatapi", userId: null);

        var (response, events) = await ChatCalls.StreamAsync(chat, $"How do I freeze my card? ({Guid.NewGuid():N})");

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        }

        var deltas = events.Where(e => e.Type == "delta").ToList();
        Assert.NotEmpty(deltas);
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(deltas.Select(d => d.Data.GetProperty("text").GetString()))));

        // One done event, last, after every delta, carrying what the model billed and who answered.
        var done = Assert.Single(events, e => e.Type == "done");
        Assert.Same(done, events[^1]);
        Assert.DoesNotContain(events, e => e.Type == "error");
        var usage = done.Data.GetProperty("usage");
        Assert.True(usage.GetProperty("inputTokens").GetInt32() > 0, done.Data.ToString());
        Assert.True(usage.GetProperty("outputTokens").GetInt32() > 0, done.Data.ToString());
        Assert.False(done.Data.GetProperty("cached").GetBoolean());
        Assert.Contains(done.Data.GetProperty("deployment").GetString(), new[] { "model", "model-fallback" });
    }

    /// <summary>
    /// With the dashboard off no trace store exists, so the trace is followed through what each service records: the
    /// caller's trace id comes back from ChatApi, both model calls of the turn (the one that asks for the tool and the
    /// one that reads its result) arrive at a deployment in that trace, and FraudService holds the transaction the
    /// tool asked about, for this turn's customer alone (a fresh user id no other request used). That the HTTP call to
    /// FraudService carries the same trace is proven span by span in ChatApi.Tests' ToolTests.
    /// </summary>
    [Fact]
    public async Task AToolCallingChatReachesTheFraudServiceWithinTheTurnsTrace()
    {
        var customer = $"e2e-tool-{Guid.NewGuid():N}"[..29];
        using var chat = fixture.CreateClient("chatapi", userId: customer);
        using var fraud = fixture.CreateClient("fraud", userId: null);
        var traceId = ActivityTraceId.CreateRandom();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = JsonContent.Create(new { message = "Is this payment of 2500 EUR at an electronics shop in Nigeria fraud? I did not make it." }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await chat.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/chat returned {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(traceId.ToString(), body.GetProperty("traceId").GetString());

        // FraudService scored and stored the payment the customer described, under this customer.
        var stored = await fraud.GetFromJsonAsync<JsonElement>($"/api/fraud/customers/{customer}/transactions");
        var transaction = Assert.Single(stored.GetProperty("transactions").EnumerateArray());
        Assert.Equal(2500m, transaction.GetProperty("amount").GetDecimal());
        Assert.Equal("electronics", transaction.GetProperty("merchantCategory").GetString());
        Assert.Contains(transaction.GetProperty("decision").GetString(), new[] { "approve", "review", "decline" });

        // Two model calls in the caller's trace: the tool round trip happened inside this turn.
        var inTrace = 0;
        foreach (var deployment in new[] { "model", "model-fallback" })
        {
            using var model = new ModelAdmin(fixture, deployment);
            inTrace += (await model.RequestsAsync()).Count(r => r.TryGetProperty("traceId", out var t) && t.GetString() == traceId.ToString()
                && r.GetProperty("status").GetInt32() == 200);
        }

        Assert.True(inTrace >= 2, $"{inTrace} successful model call(s) in trace {traceId}; a tool turn makes two");
    }

    /// <summary>
    /// The default per-minute budget (20,000 tokens) runs out after a handful of long messages from one user: the
    /// next turn is refused before any model call, with 429 and Retry-After. A dedicated user, so no other test's
    /// turns count against it; no configuration change, so no other test's budget changes.
    /// </summary>
    [Fact]
    public async Task ATokenBudgetThatRunsOutIsA429WithRetryAfter()
    {
        var user = $"e2e-budget-{Guid.NewGuid():N}";
        using var chat = fixture.CreateClient("chatapi", userId: null);
        var deadline = DateTime.UtcNow.AddSeconds(100);
        var answered = 0;
        HttpResponseMessage? refused = null;
        string? refusal = null;

        // About 2,000 tokens a turn; a clock minute that turns during the loop refills the budget once at most.
        while (refused is null && DateTime.UtcNow < deadline && answered < 40)
        {
            var (status, body, response) = await ChatCalls.ChatAsync(chat, LongMessage(), user);
            if (status == HttpStatusCode.OK)
            {
                answered++;
                response.Dispose();
                continue;
            }

            Assert.True(status == HttpStatusCode.TooManyRequests, $"turn {answered + 1}: {(int)status} {body}");
            refused = response;
            refusal = body.ToString();
        }

        Assert.True(refused is not null, $"{answered} long turns in a row were answered: the budget never ran out");
        using (refused)
        {
            var problem = JsonDocument.Parse(refusal!).RootElement;
            Assert.Equal("Token budget exceeded", problem.GetProperty("title").GetString());
            Assert.Contains("budget", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        }

        Assert.True(answered >= 2, $"only {answered} turn(s) answered before the budget ran out");
    }

    /// <summary>Close to the 4,000-character limit, in made-up words: many tokens, no PII, unique (no cache hit).</summary>
    private static string LongMessage()
    {
        var text = new StringBuilder("Please summarise my notes: ");
        while (text.Length < 3900)
        {
            for (var i = 0; i < 3; i++)
            {
                text.Append((char)('a' + Random.Shared.Next(26)));
            }

            text.Append(' ');
        }

        return text.ToString();
    }
}

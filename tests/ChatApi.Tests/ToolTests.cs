using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// The bank tools through the real model server (which decides on tool calls) and the real FraudService (which
/// scores and stores the transaction in Garnet).
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class ToolTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private const string FraudQuestion = "Is this payment of 2500 EUR at an electronics shop in Nigeria fraud? I did not make it.";

    private FraudServiceHost _fraud = null!;

    public Task InitializeAsync()
    {
        _fraud = new FraudServiceHost(environment.Garnet.ConnectionString);
        return environment.ModelServer.HealAsync();
    }

    public async Task DisposeAsync() => await _fraud.DisposeAsync();

    private ChatApiHost Host(bool cache = false, bool semantic = false) => new(environment, new Dictionary<string, string?>
    {
        ["ResponseCache:Semantic:Enabled"] = semantic ? "true" : "false",
        ["Tools:Enabled"] = "true",
        ["services:fraud:http:0"] = _fraud.BaseAddress.ToString(),
        ["Tools:FraudApiKey"] = FraudServiceHost.ApiKey,
        ["ResponseCache:Enabled"] = cache ? "true" : "false",
    });

    private static HttpClient ClientFor(ChatApiHost host, string userId)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Remove("X-User-Id");
        client.DefaultRequestHeaders.Add("X-User-Id", userId);
        return client;
    }

    [Fact]
    public async Task FraudQuestionIsAnsweredWithFraudServicesScoreInOneTrace()
    {
        var customer = $"cust-{Guid.NewGuid():N}"[..20];
        await using var host = Host();
        using var client = ClientFor(host, customer);

        var reply = await client.ChatAsync(FraudQuestion);

        // Two model calls: the one that asked for the tool, and the one that read its result.
        Assert.Equal(2, host.ModelTraffic.ChatBodies.Count);
        var followUp = ModelTraffic.Messages(host.ModelTraffic.ChatBodies[1]);
        var toolResult = Assert.Single(followUp, m => m.Role == "tool");
        var check = JsonDocument.Parse(toolResult.Content!).RootElement;
        Assert.Contains(check.GetProperty("decision").GetString(), new[] { "approve", "review", "decline" });
        Assert.InRange(check.GetProperty("score").GetDouble(), 0, 1);

        // Both model calls are counted in the reported usage (and so in budgets and cost).
        Assert.Equal(2, host.ModelTraffic.ResponseUsages.Count);
        Assert.Equal(host.ModelTraffic.ResponseUsages.Sum(u => u.Prompt), reply.Usage.InputTokens);
        Assert.Equal(host.ModelTraffic.ResponseUsages.Sum(u => u.Completion), reply.Usage.OutputTokens);

        // FraudService really scored and stored it, for this customer and no other.
        using var fraud = _fraud.CreateKeyedClient();
        var stored = await fraud.GetFromJsonAsync<JsonElement>($"/api/fraud/customers/{customer}/transactions");
        var transaction = Assert.Single(stored.GetProperty("transactions").EnumerateArray());
        Assert.Equal(2500m, transaction.GetProperty("amount").GetDecimal());
        Assert.Equal("electronics", transaction.GetProperty("merchantCategory").GetString());

        // One trace: ChatApi turn -> model call -> tool -> HTTP to FraudService -> FraudService's own server span.
        host.FlushTelemetry();
        var trace = host.Spans.Where(s => s.TraceId.ToHexString() == reply.TraceId).ToList();
        var turn = Assert.Single(trace, s => s.OperationName == ChatApiTelemetry.Spans.ChatTurn);
        Assert.Equal(true, turn.GetTagItem("chat.tools_used"));
        Assert.True(trace.Count(s => s.DisplayName == "chat bank-assist-large") >= 2);
        // The tool call is a GenAI execute_tool span named after the tool.
        var tool = Assert.Single(trace, s => s.GetTagItem("gen_ai.operation.name") as string == "execute_tool"
            && (s.GetTagItem("gen_ai.tool.name") as string)?.Contains("score_transaction", StringComparison.Ordinal) == true);
        Assert.StartsWith("execute_tool ", tool.DisplayName, StringComparison.Ordinal);
        Assert.True(IsDescendant(tool, turn, trace), "the tool span is inside the chat turn");
        var fraudCall = Assert.Single(trace, s => s.Kind == ActivityKind.Client && IsDescendant(s, tool, trace)
            && (s.GetTagItem("url.full") as string)?.Contains("/api/fraud/score", StringComparison.Ordinal) == true);
        var fraudServer = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.ParentSpanId == fraudCall.SpanId
            && s.GetTagItem("url.path") as string == "/api/fraud/score");

        // ... and FraudService's Redis calls under its server span (the Redis instrumentation drains every ~10 s;
        // ActivitySources are process-wide, so ChatApi's own Redis calls in this trace show up here too).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<Activity> fraudRedis;
        do
        {
            await Task.Delay(250);
            _fraud.FlushTelemetry();
            var spans = _fraud.Spans.ToArray().Where(s => s.TraceId == fraudServer.TraceId).Append(fraudServer).DistinctBy(s => s.SpanId).ToList();
            fraudRedis = [.. spans.Where(s => s.Source.Name.Contains("Redis", StringComparison.OrdinalIgnoreCase) && IsDescendant(s, fraudServer, spans))];
        }
        while (fraudRedis.Count == 0 && DateTime.UtcNow < deadline);

        Assert.NotEmpty(fraudRedis);
    }

    [Fact]
    public async Task TheGenAiViewShowsSystemUserToolCallToolResultOutputAndTokens()
    {
        // What the Aspire dashboard's GenAI view reads, on the spans exported by the pipeline's OpenTelemetry stage.
        var customer = $"cust-{Guid.NewGuid():N}"[..20];
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Llm:CaptureContent"] = "true",
            ["Tools:Enabled"] = "true",
            ["services:fraud:http:0"] = _fraud.BaseAddress.ToString(),
            ["Tools:FraudApiKey"] = FraudServiceHost.ApiKey,
        ["Tools:FraudApiKey"] = FraudServiceHost.ApiKey,
            ["ResponseCache:Enabled"] = "false",
        });
        using var client = ClientFor(host, customer);

        var reply = await client.ChatAsync(FraudQuestion);
        host.FlushTelemetry();

        var calls = host.Spans.Where(s => s.TraceId.ToHexString() == reply.TraceId && s.DisplayName == "chat bank-assist-large").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal("openai", call.GetTagItem("gen_ai.provider.name"));
            Assert.NotNull(call.GetTagItem("gen_ai.usage.input_tokens"));
            Assert.NotNull(call.GetTagItem("gen_ai.usage.output_tokens"));
            Assert.Contains("score_transaction", (string)call.GetTagItem("gen_ai.tool.definitions")!, StringComparison.Ordinal);
            Assert.Contains("retail bank", (string)call.GetTagItem("gen_ai.system_instructions")!, StringComparison.Ordinal);
        });

        // The first call asked for the tool; the second read its result and answered.
        var first = calls.OrderBy(s => s.StartTimeUtc).First();
        var second = calls.OrderBy(s => s.StartTimeUtc).Last();
        Assert.Contains("\"tool_call\"", (string)first.GetTagItem("gen_ai.output.messages")!, StringComparison.Ordinal);
        using var input = JsonDocument.Parse((string)second.GetTagItem("gen_ai.input.messages")!);
        var parts = input.RootElement.EnumerateArray().SelectMany(m => m.GetProperty("parts").EnumerateArray()).Select(p => p.GetProperty("type").GetString()).ToList();
        Assert.Contains("text", parts);
        Assert.Contains("tool_call", parts);
        Assert.Contains("tool_call_response", parts);
        Assert.Contains(FraudQuestion, (string)second.GetTagItem("gen_ai.input.messages")!, StringComparison.Ordinal);
        using var output = JsonDocument.Parse((string)second.GetTagItem("gen_ai.output.messages")!);
        Assert.Equal(reply.Reply, output.RootElement[0].GetProperty("parts")[0].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("Is this 300 EUR payment to Coinbase for bitcoin fraud? I did not make it.", "crypto")]
    [InlineData("Is this 80 EUR gift card purchase online fraud? I did not make it.", "gift_cards")]
    public async Task CategoryAskedAboutInChatReachesFraudServiceUnderItsOwnName(string question, string category)
    {
        // The tool's category is FraudService's own enum, so nothing in between renames it (crypto used to be
        // scored as money_transfer, and gift cards as services).
        var customer = $"cust-{Guid.NewGuid():N}"[..20];
        await using var host = Host();
        using var client = ClientFor(host, customer);

        await client.ChatAsync(question);

        using var fraud = _fraud.CreateKeyedClient();
        var stored = await fraud.GetFromJsonAsync<JsonElement>($"/api/fraud/customers/{customer}/transactions");
        var transaction = Assert.Single(stored.GetProperty("transactions").EnumerateArray());
        Assert.Equal(category, transaction.GetProperty("merchantCategory").GetString());
    }

    [Fact]
    public async Task StreamedToolTurnCountsTheUsageOfEveryModelCall()
    {
        await using var host = Host();
        using var streaming = host.CreateKestrelClient();
        streaming.DefaultRequestHeaders.Remove("X-User-Id");
        streaming.DefaultRequestHeaders.Add("X-User-Id", $"cust-{Guid.NewGuid():N}"[..20]);
        using var whole = ClientFor(host, $"cust-{Guid.NewGuid():N}"[..20]);

        // The same conversation answered whole: its usage is the sum of both model calls (as the model server billed them).
        var reply = await whole.ChatAsync(FraudQuestion);
        Assert.Equal(2, host.ModelTraffic.ResponseUsages.Count);
        Assert.Equal(host.ModelTraffic.ResponseUsages.Sum(u => u.Prompt), reply.Usage.InputTokens);

        using var response = await streaming.PostStreamAsync(FraudQuestion);
        var done = Assert.Single(await response.ReadAllEventsAsync(), e => e.Type == Chat.ChatStreamEvents.Done);

        // Streamed, the tool round trip is two model calls as well, and both are counted.
        Assert.Equal(4, host.ModelTraffic.ChatBodies.Count);
        Assert.Equal(reply.Usage.InputTokens, done.Data.GetProperty("usage").GetProperty("inputTokens").GetInt32());
        Assert.Equal(reply.Usage.OutputTokens, done.Data.GetProperty("usage").GetProperty("outputTokens").GetInt32());

        // gen_ai.client.token.usage carries the same totals (one record per turn and token type).
        host.FlushTelemetry();
        long input = 0;
        foreach (var metric in host.Metrics.Where(m => m.Name == ChatApiTelemetry.Metrics.GenAiTokenUsage))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == "gen_ai.token.type" && (string?)tag.Value == "input")
                    {
                        input += (long)point.GetHistogramSum();
                    }
                }
            }
        }

        Assert.Equal(2 * reply.Usage.InputTokens, input);
    }

    [Fact]
    public async Task RecentTransactionsToolListsOnlyTheCallersOwnTransactions()
    {
        var customer = $"cust-{Guid.NewGuid():N}"[..20];
        await using var host = Host();
        using var client = ClientFor(host, customer);
        using var someoneElse = ClientFor(host, $"cust-{Guid.NewGuid():N}"[..20]);
        await client.ChatAsync(FraudQuestion);
        await someoneElse.ChatAsync("Is this 300 EUR payment to Coinbase for bitcoin fraud? I did not make it.");

        await client.ChatAsync("Please show my recent card transactions");

        // The tool reads FraudService's reply into its contract and gives the model a compact JSON list: the payment
        // as a statement shows it and the decision, nothing of the internals (ids, scores, reasons, features).
        var toolResult = Assert.Single(host.ModelTraffic.LastMessages(), m => m.Role == "tool");
        var transaction = Assert.Single(JsonDocument.Parse(toolResult.Content!).RootElement.EnumerateArray());
        Assert.Equal(2500m, transaction.GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", transaction.GetProperty("currency").GetString());
        Assert.Equal("electronics", transaction.GetProperty("merchantCategory").GetString());
        Assert.Equal("NG", transaction.GetProperty("country").GetString());
        Assert.Contains(transaction.GetProperty("decision").GetString(), new[] { "approve", "review", "decline" });
        Assert.Equal(
            ["amount", "cardPresent", "country", "currency", "decision", "merchantCategory", "timestamp"],
            transaction.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnswersThatUsedAToolAreNeverCached()
    {
        // Neither cache: the identical question would be an exact hit and a semantic one (similarity 1).
        await using var host = Host(cache: true, semantic: true);
        using var client = ClientFor(host, $"cust-{Guid.NewGuid():N}"[..20]);

        var first = await client.ChatAsync(FraudQuestion);
        var second = await client.ChatAsync(FraudQuestion);

        Assert.False(first.Cached);
        Assert.False(second.Cached);
        Assert.Equal(4, host.ModelTraffic.ChatBodies.Count);
    }

    [Fact]
    public async Task ToolFreeAnswersAreStillCachedWhenToolsAreOffered()
    {
        await using var host = Host(cache: true);
        using var client = ClientFor(host, $"cust-{Guid.NewGuid():N}"[..20]);
        var question = $"What are your branch opening hours? ({Guid.NewGuid():N})";

        await client.ChatAsync(question);
        var second = await client.ChatAsync(question);

        Assert.True(second.Cached);
        Assert.Single(host.ModelTraffic.ChatBodies);
    }

    private static bool IsDescendant(Activity span, Activity ancestor, List<Activity> trace)
    {
        var bySpanId = trace.ToDictionary(s => s.SpanId);
        for (var current = span; bySpanId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry.Metrics;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class TelemetryTests(ChatApiEnvironment environment)
{
    [Fact]
    public async Task ChatTurnIsOneTraceFromRequestToModelCall()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("Where is my nearest branch?");
        host.FlushTelemetry();

        var trace = host.Spans.Where(s => s.TraceId.ToHexString() == reply.TraceId).ToList();
        var turn = Assert.Single(trace, s => s.Source.Name == ChatApiTelemetry.Name && s.OperationName == ChatApiTelemetry.Spans.ChatTurn);
        Assert.Equal(reply.SessionId, turn.GetTagItem("gen_ai.conversation.id"));
        Assert.Equal("bank-assist-large", turn.GetTagItem("gen_ai.request.model"));
        Assert.Equal(reply.ResponseId, turn.GetTagItem("gen_ai.response.id"));
        Assert.Equal(reply.Usage.InputTokens, turn.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(reply.Usage.OutputTokens, turn.GetTagItem("gen_ai.usage.output_tokens"));

        // Under the turn, function invocation's orchestrate_tools span groups the model round trips; the GenAI span of
        // the model call (Microsoft.Extensions.AI's OpenTelemetry stage) sits under it, with the HTTP call under that.
        var orchestration = Assert.Single(trace, s => s.DisplayName == "orchestrate_tools");
        Assert.Equal(turn.SpanId, orchestration.ParentSpanId);
        var modelCall = Assert.Single(trace, s => s.DisplayName == "chat bank-assist-large");
        Assert.Equal(orchestration.SpanId, modelCall.ParentSpanId);
        Assert.Equal("bank-assist-large", modelCall.GetTagItem("gen_ai.request.model"));
        Assert.Equal(reply.Usage.InputTokens, modelCall.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == modelCall.SpanId && s.GetTagItem("http.request.method") is "POST");
    }

    [Fact]
    public async Task HistoryStoreCallsJoinTheChatTrace()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("Is my card blocked?");

        // The Redis instrumentation turns profiled commands into spans on a background drain (about every 10 s).
        var turn = host.Spans.Single(s => s.TraceId.ToHexString() == reply.TraceId && s.OperationName == ChatApiTelemetry.Spans.ChatTurn);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<Activity> redis;
        do
        {
            await Task.Delay(250);
            host.FlushTelemetry();
            redis = [.. host.Spans.Where(s => s.TraceId.ToHexString() == reply.TraceId && s.Source.Name.Contains("Redis", StringComparison.OrdinalIgnoreCase))];
        }
        while (redis.Count(s => s.ParentSpanId == turn.SpanId) < 2 && DateTime.UtcNow < deadline);

        // One read of the history and one transactional write, both under the chat turn; the only other Redis call is
        // the rate limiter's check, made before the endpoint runs, under the request's own server span.
        var underTurn = redis.Where(s => s.ParentSpanId == turn.SpanId).ToList();
        Assert.True(underTurn.Count >= 2, $"expected the history read and write as Redis spans under the turn, saw {underTurn.Count}");
        var server = host.Spans.Single(s => s.TraceId.ToHexString() == reply.TraceId && s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == ChatClient.Path);
        Assert.All(redis.Except(underTurn), span => Assert.Equal(server.SpanId, span.ParentSpanId));
    }

    [Fact]
    public async Task ChatRequestsAreCountedByOutcome()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        await client.ChatAsync("Hello");
        await client.ChatAsync("Hello again");
        using var invalid = await client.PostChatAsync("");
        host.FlushTelemetry();

        var counts = Points(host, ChatApiTelemetry.Metrics.Requests)
            .GroupBy(p => (string?)Tag(p, "outcome"))
            .ToDictionary(g => g.Key ?? "", g => g.Sum(p => p.GetSumLong()));
        Assert.Equal(2, counts["success"]);
        Assert.Equal(1, counts["invalid_request"]);

        var durations = Points(host, ChatApiTelemetry.Metrics.RequestDuration).Where(p => (string?)Tag(p, "outcome") == "success");
        Assert.Equal(2, durations.Sum(p => p.GetHistogramCount()));
    }

    [Fact]
    public async Task SloInstrumentsTellStreamedFromPlainTurnsAndTimeTheFirstChunk()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        await client.ChatAsync("What are your opening hours?");
        using var stream = await client.PostStreamAsync("How do I order a new card?");
        var events = await stream.ReadAllEventsAsync();
        host.FlushTelemetry();

        // The latency SLO (slo/chatapi.yaml) selects plain turns by chat.streaming="false".
        var durations = Points(host, ChatApiTelemetry.Metrics.RequestDuration).Where(p => (string?)Tag(p, "outcome") == "success").ToList();
        Assert.Equal(1, durations.Where(p => Tag(p, ChatApiTelemetry.Tags.Streaming) is false).Sum(p => p.GetHistogramCount()));
        Assert.Equal(1, durations.Where(p => Tag(p, ChatApiTelemetry.Tags.Streaming) is true).Sum(p => p.GetHistogramCount()));

        // The streaming SLO's SLI: one first chunk, no later than the whole stream took.
        var done = Assert.Single(events, e => e.Type == "done");
        var firstChunk = Assert.Single(Points(host, ChatApiTelemetry.Metrics.StreamTimeToFirstChunk));
        Assert.Equal(1, firstChunk.GetHistogramCount());
        Assert.InRange(firstChunk.GetHistogramSum(), 0, done.Data.GetProperty("latencyMs").GetDouble() / 1000);
        Assert.Equal(false, Tag(firstChunk, ChatApiTelemetry.Tags.Cached));
    }

    [Fact]
    public async Task AnUnhandledErrorIsAFailedTurnForTheAvailabilitySlo()
    {
        await using var host = new BrokenGuardrailHost(environment);
        using var client = host.CreateClient();

        using var plain = await client.PostChatAsync("Hello?");
        using var streamed = await client.PostStreamAsync("Hello?");
        host.FlushTelemetry();

        Assert.Equal(500, (int)plain.StatusCode);
        Assert.Equal(500, (int)streamed.StatusCode);
        var failures = Points(host, ChatApiTelemetry.Metrics.Requests).Where(p => (string?)Tag(p, "outcome") == ChatApiTelemetry.Outcomes.InternalError);
        Assert.Equal(2, failures.Sum(p => p.GetSumLong()));
    }

    /// <summary>A host whose input guardrail throws what no failure table knows: a stand-in for any bug in a turn.</summary>
    private sealed class BrokenGuardrailHost(ChatApiEnvironment environment) : ChatApiHost(environment)
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ChatApi.Guardrails.IGuardrailPolicy, ThrowingPolicy>();

        private sealed class ThrowingPolicy : ChatApi.Guardrails.IGuardrailPolicy
        {
            public ValueTask<ChatApi.Guardrails.GuardrailDecision> CheckInputAsync(string userMessage, CancellationToken cancellationToken = default) =>
                throw new InvalidOperationException("A bug in a guardrail.");

            public ChatApi.Guardrails.GuardrailDecision CheckOutput(string reply, string? responseId = null, string? systemPrompt = null) => throw new InvalidOperationException("A bug in a guardrail.");

            public ChatApi.Guardrails.GuardrailStreamFilter CreateStreamFilter(string? systemPrompt = null) => throw new InvalidOperationException("A bug in a guardrail.");
        }
    }

    [Fact]
    public async Task UnavailableModelIsCountedAsSuch()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString($"http://127.0.0.1:{TestSupport.GarnetFixture.FreeTcpPort()}/v1"),
        });
        using var client = host.CreateClient();

        using var response = await client.PostChatAsync("Hello?");
        host.FlushTelemetry();

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Contains(Points(host, ChatApiTelemetry.Metrics.Requests), p => (string?)Tag(p, "outcome") == "model_unavailable");
    }

    [Fact]
    public async Task ModelCallsAreMeasuredWithGenAiMetricsAndCost()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("How long does a card replacement take?");
        host.FlushTelemetry();

        var duration = Assert.Single(Points(host, "gen_ai.client.operation.duration"));
        Assert.Equal("chat", Tag(duration, "gen_ai.operation.name"));
        Assert.Equal("bank-assist-large", Tag(duration, "gen_ai.request.model"));
        Assert.Equal(reply.Model, Tag(duration, "gen_ai.response.model"));
        Assert.Equal(1, duration.GetHistogramCount());
        // From Microsoft.Extensions.AI's OpenTelemetry stage: the convention's attributes name the provider and the
        // server that answered (which deployment it was is on the turn's span and on llm.cost).
        Assert.Equal("openai", Tag(duration, "gen_ai.provider.name"));
        Assert.NotNull(Tag(duration, "server.address"));

        var usage = Points(host, "gen_ai.client.token.usage").ToList();
        Assert.Equal(reply.Usage.InputTokens, usage.Where(p => (string?)Tag(p, "gen_ai.token.type") == "input").Sum(p => p.GetHistogramSum()));
        Assert.Equal(reply.Usage.OutputTokens, usage.Where(p => (string?)Tag(p, "gen_ai.token.type") == "output").Sum(p => p.GetHistogramSum()));

        // Default price table: bank-assist-large at 2.50 / 10.00 USD per million input / output tokens.
        var cost = Points(host, "llm.cost").Sum(p => p.GetSumDouble());
        Assert.Equal((reply.Usage.InputTokens * 2.5 + reply.Usage.OutputTokens * 10.0) / 1_000_000, cost, precision: 12);
    }

    [Fact]
    public async Task LlmCostFollowsTheConfiguredPriceTable()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Llm:Prices:bank-assist-large:InputPerMillionTokens"] = "1000",
            ["Llm:Prices:bank-assist-large:OutputPerMillionTokens"] = "3000",
        });
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("What is the fee for a replacement card?");
        host.FlushTelemetry();

        var cost = Assert.Single(Points(host, "llm.cost"));
        Assert.Equal((reply.Usage.InputTokens * 1000.0 + reply.Usage.OutputTokens * 3000.0) / 1_000_000, cost.GetSumDouble(), precision: 12);
        Assert.Equal("bank-assist-large", Tag(cost, "gen_ai.request.model"));
        Assert.Equal("model", Tag(cost, "chat.deployment"));
    }

    [Fact]
    public async Task CardNumbersEmailsAndPhonesNeverReachTheLogs()
    {
        const string card = "4111 1111 1111 1111";
        const string email = "jane.doe@example.com";
        const string phone = "+44 20 7946 0958";
        await using var host = new LoggingChatApiHost(environment, captureContent: true);
        using var client = host.CreateClient();

        await client.ChatAsync($"My card {card} was charged twice; write to {email} or call {phone}.");

        var records = host.Logs.GetSnapshot();
        var prompt = Assert.Single(records, r => r.Id.Name == "PromptContent");
        Assert.Contains("[card]", prompt.Message);
        Assert.Contains("[email]", prompt.Message);
        Assert.Contains("[phone]", prompt.Message);
        foreach (var secret in new[] { card, card.Replace(" ", ""), email, "7946 0958" })
        {
            Assert.DoesNotContain(records, r => r.Message.Contains(secret, StringComparison.Ordinal)
                || r.StructuredState?.Any(s => s.Value?.Contains(secret, StringComparison.Ordinal) == true) == true);
        }
    }

    [Fact]
    public async Task MessageContentIsNeverLoggedWhenCaptureIsOff()
    {
        const string secret = "my-mothers-maiden-name-is-Zebulon";
        await using var host = new LoggingChatApiHost(environment, captureContent: false);
        using var client = host.CreateClient();

        var reply = await client.ChatAsync($"Please remember that {secret}");

        var records = host.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Category?.StartsWith("LlmReference", StringComparison.Ordinal) == true && r.Level == LogLevel.Information);
        Assert.DoesNotContain(records, r => r.Message.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message.Contains(reply.Reply, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageContentIsLoggedOnlyAtTraceWhenCaptureIsOn()
    {
        const string secret = "the-word-is-Quokka";
        await using var host = new LoggingChatApiHost(environment, captureContent: true);
        using var client = host.CreateClient();

        await client.ChatAsync($"Please remember that {secret}");

        var withContent = host.Logs.GetSnapshot().Where(r => r.Message.Contains(secret, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withContent);
        Assert.All(withContent, r => Assert.Equal(LogLevel.Trace, r.Level));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AModelsRefusalIsLoggedByStatusAndCodeAndItsOwnTextOnlyAtTraceWithCaptureOn(bool captureContent)
    {
        const string providerText = "does not exist or you do not have access to it";
        await using var host = new LoggingChatApiHost(environment, captureContent, model: "no-such-model");
        using var client = host.CreateClient();

        using var response = await client.PostChatAsync("Hello?");
        await response.AssertProblemAsync(502);

        // The error an operator is paged by says who refused and how, with the provider's code but not its words (and
        // no exception attached: its message is the provider's text).
        var records = host.Logs.GetSnapshot();
        var rejected = Assert.Single(records, r => r.Id.Name == "ModelRejectedRequest");
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Null(rejected.Exception);
        Assert.Contains("Deployment model (no-such-model)", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404 (model_not_found)", rejected.Message, StringComparison.Ordinal);

        // The provider's own words may quote the prompt: like message text, only at Trace and only with capture on.
        var withText = records.Where(r => r.Message.Contains(providerText, StringComparison.Ordinal)
            || r.Exception?.ToString().Contains(providerText, StringComparison.Ordinal) == true).ToList();
        if (captureContent)
        {
            var text = Assert.Single(withText);
            Assert.Equal("ModelRejectionText", text.Id.Name);
            Assert.Equal(LogLevel.Trace, text.Level);
        }
        else
        {
            Assert.Empty(withText);
        }
    }

    [Fact]
    public async Task ModelCallSpanCarriesPromptAndCompletionWhenCaptureIsOn()
    {
        const string secret = "the-password-hint-is-Wombat";
        const string systemPrompt = "You are the content-capture test's assistant.";
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Llm:CaptureContent"] = "true",
            ["Chat:SystemPrompt"] = systemPrompt,
        });
        using var client = host.CreateClient();

        var reply = await client.ChatAsync($"Please remember that {secret}");
        host.FlushTelemetry();

        // The GenAI span of the model call (Microsoft.Extensions.AI's OpenTelemetry stage) carries the messages.
        var call = Assert.Single(host.Spans, s => s.TraceId.ToHexString() == reply.TraceId && s.DisplayName == "chat bank-assist-large");
        var tags = string.Join("\n", call.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        using var input = System.Text.Json.JsonDocument.Parse((string?)call.GetTagItem("gen_ai.input.messages") ?? throw new Xunit.Sdk.XunitException(tags));
        var user = Assert.Single(input.RootElement.EnumerateArray(), m => m.GetProperty("role").GetString() == "user");
        Assert.Equal("text", user.GetProperty("parts")[0].GetProperty("type").GetString());
        Assert.Contains(secret, user.GetProperty("parts")[0].GetProperty("content").GetString());

        using var output = System.Text.Json.JsonDocument.Parse((string)call.GetTagItem("gen_ai.output.messages")!);
        var assistant = Assert.Single(output.RootElement.EnumerateArray());
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        Assert.Equal(reply.Reply, assistant.GetProperty("parts")[0].GetProperty("content").GetString());
        Assert.Equal("stop", assistant.GetProperty("finish_reason").GetString());

        using var system = System.Text.Json.JsonDocument.Parse((string)call.GetTagItem("gen_ai.system_instructions")!);
        Assert.Equal(systemPrompt, system.RootElement[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task NoChatApiSpanCarriesContentWhenCaptureIsOff()
    {
        const string secret = "the-password-hint-is-Platypus";
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        var reply = await client.ChatAsync($"Please remember that {secret}");
        host.FlushTelemetry();

        // Every span ChatApi's source emits, the pipeline's GenAI spans among them, follows Llm:CaptureContent.
        var ours = host.Spans.Where(s => s.TraceId.ToHexString() == reply.TraceId && s.Source.Name == ChatApiTelemetry.Name).ToList();
        Assert.Contains(ours, s => s.OperationName == ChatApiTelemetry.Spans.ChatTurn);
        foreach (var span in ours)
        {
            Assert.Null(span.GetTagItem("gen_ai.input.messages"));
            Assert.Null(span.GetTagItem("gen_ai.output.messages"));
            Assert.Null(span.GetTagItem("gen_ai.system_instructions"));
            Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
            Assert.DoesNotContain(span.Events.SelectMany(e => e.Tags), t => t.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
        }
    }

    private static IEnumerable<MetricPoint> Points(ChatApiHost host, string name)
    {
        foreach (var metric in host.Metrics.Where(m => m.MeterName == ChatApiTelemetry.Name && m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                yield return point;
            }
        }
    }

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    /// <summary>ChatApi with every ChatApi log record collected, from Trace up.</summary>
    private sealed class LoggingChatApiHost(ChatApiEnvironment environment, bool captureContent, string model = "bank-assist-large")
        : ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString(environment.ModelServer.V1Endpoint.ToString(), model),
            ["Llm:CaptureContent"] = captureContent ? "true" : "false",
            ["Logging:LogLevel:LlmReference"] = "Trace",
            // The log redactor is under test here, so the guardrail only flags card numbers instead of masking them first.
            ["Guardrails:CardNumbers:Action"] = "Log",
        })
    {
        public FakeLogCollector Logs => Services.GetFakeLogCollector();

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddLogging(logging => logging.AddFakeLogging());
    }
}

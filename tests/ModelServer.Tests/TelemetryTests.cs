using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LlmReference.ModelServer.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace LlmReference.ModelServer.Tests;

/// <summary>Spans continue the caller's trace, the request journal records it, and the GenAI server metrics are emitted.</summary>
public sealed class TelemetryTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    [Fact]
    public async Task GenerationSpanContinuesTheCallersTraceWithGenAIAttributes()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ModelServerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var (traceId, spanId, traceparent) = NewTraceparent();
        using var client = CreateClientThatKeepsOurTraceparent();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(ChatRequests.Body("What is FraudService?")) };
        request.Headers.Add("traceparent", traceparent);

        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        var span = Assert.Single(spans, s => s.TraceId == traceId);
        Assert.Equal($"chat {ModelServerFactory.LargeModel}", span.DisplayName);
        Assert.NotEqual(spanId, span.ParentSpanId);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(ModelServerFactory.LargeModel, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(ModelServerFactory.LargeModel, span.GetTagItem("gen_ai.response.model"));
        Assert.True((int)span.GetTagItem("gen_ai.usage.output_tokens")! > 10);
        Assert.Equal("fraudservice", span.GetTagItem("model_server.knowledge.entry"));
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
        Assert.Null(span.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task CompletionIsLoggedWithTokenCountsButNotTheConversation()
    {
        var collector = factory.Services.GetFakeLogCollector();
        var client = factory.CreateChatClient();

        OpenAI.Chat.ChatCompletion completion = await client.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("My secret question about savings interest")]);

        var record = Assert.Single(collector.GetSnapshot(), r => r.Id.Name == "CompletionServed" && r.Message.Contains($"{completion.Usage.OutputTokenCount} completion"));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, record.Level);
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Message.Contains("secret question"));
    }

    [Fact]
    public async Task RequestJournalRecordsTheIncomingTraceparent()
    {
        var (traceId, spanId, traceparent) = NewTraceparent();
        using var client = CreateClientThatKeepsOurTraceparent();
        using var admin = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(ChatRequests.Body("Hi")) };
        request.Headers.Add("traceparent", traceparent);

        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        var entry = await WaitForJournalEntryAsync(admin, traceId.ToString());

        Assert.Equal(traceparent, (string?)entry["traceparent"]);
        Assert.Equal(spanId.ToString(), (string?)entry["parentSpanId"]);
        Assert.Equal(traceId.ToString(), (string?)entry["serverTraceId"]);
        Assert.Equal("/v1/chat/completions", (string?)entry["path"]);
        Assert.Equal(ModelServerFactory.LargeModel, (string?)entry["model"]);
        Assert.Equal(200, (int)entry["status"]!);
        Assert.Equal("model", (string?)entry["deployment"]);
    }

    [Fact]
    public async Task CompletionRecordsGenAIServerMetrics()
    {
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        using var duration = new MetricCollector<double>(meterFactory, ModelServerTelemetry.Name, "gen_ai.server.request.duration");
        using var ttft = new MetricCollector<double>(meterFactory, ModelServerTelemetry.Name, "gen_ai.server.time_to_first_token");
        using var tpot = new MetricCollector<double>(meterFactory, ModelServerTelemetry.Name, "gen_ai.server.time_per_output_token");
        using var tokens = new MetricCollector<long>(meterFactory, ModelServerTelemetry.Name, "gen_ai.server.token.usage");
        var client = factory.CreateChatClient();

        OpenAI.Chat.ChatCompletion completion = await client.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("What is the overdraft fee?")]);
        await duration.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(5));

        var request = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("chat", request.Tags["gen_ai.operation.name"]);
        Assert.Equal(ModelServerFactory.LargeModel, request.Tags["gen_ai.request.model"]);
        Assert.Equal(ModelServerFactory.LargeModel, request.Tags["gen_ai.response.model"]);
        Assert.False(request.Tags.ContainsKey("error.type"));
        Assert.Single(ttft.GetMeasurementSnapshot());
        Assert.Single(tpot.GetMeasurementSnapshot());
        var usage = tokens.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["gen_ai.token.type"]!, m => m.Value);
        Assert.Equal(completion.Usage.InputTokenCount, usage["input"]);
        Assert.Equal(completion.Usage.OutputTokenCount, usage["output"]);
    }

    [Fact]
    public async Task FailedRequestIsRecordedWithErrorType()
    {
        using var duration = new MetricCollector<double>(
            factory.Services.GetRequiredService<IMeterFactory>(), ModelServerTelemetry.Name, "gen_ai.server.request.duration");
        using var client = factory.CreateHttpClient();

        using var response = await ChatRequests.PostAsync(client, ChatRequests.Body("Hi", model: "no-such-model"));
        await duration.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(5));

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("model_not_found", measurement.Tags["error.type"]);
        Assert.Equal("no-such-model", measurement.Tags["gen_ai.request.model"]);
    }

    /// <summary>
    /// The server runs in this process with HttpClient instrumentation, which would replace our <c>traceparent</c> with its
    /// own client span's; a handler without a propagator sends the header exactly as the test wrote it.
    /// </summary>
    private HttpClient CreateClientThatKeepsOurTraceparent() =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = factory.BaseUri,
        };

    private static (ActivityTraceId TraceId, ActivitySpanId SpanId, string Traceparent) NewTraceparent()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        return (traceId, spanId, $"00-{traceId}-{spanId}-01");
    }

    /// <summary>The journal is written when the response completes, which can be just after the client has it.</summary>
    private static async Task<JsonObject> WaitForJournalEntryAsync(HttpClient admin, string traceId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var entries = await admin.GetFromJsonAsync<JsonArray>("/admin/requests?limit=50");
            if (entries!.OfType<JsonObject>().FirstOrDefault(e => (string?)e["traceId"] == traceId) is { } entry)
            {
                return entry;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"No journal entry for trace {traceId}: {await admin.GetStringAsync("/admin/requests?limit=3")}");
    }
}

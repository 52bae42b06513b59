using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using LlmReference.ModelServer.Telemetry;
using OpenAI.Chat;

namespace LlmReference.ModelServer.Tests;

public sealed class ContentCaptureServerFactory() : ModelServerFactory(new Dictionary<string, string?> { ["Llm:CaptureContent"] = "true" });

/// <summary>With <c>Llm:CaptureContent</c> on, the generation span carries the conversation in the GenAI JSON shape.</summary>
public sealed class ContentCaptureTests(ContentCaptureServerFactory factory) : IClassFixture<ContentCaptureServerFactory>
{
    [Fact]
    public async Task SpanCarriesInputAndOutputMessagesWhenCaptureIsOn()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ModelServerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var parent = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var client = factory.CreateChatClient();

        ChatCompletion completion = await client.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("What's the overdraft buffer?")]);

        var span = Assert.Single(spans, s => s.TraceId == parent.TraceId && s.DisplayName.StartsWith("chat "));
        using var input = JsonDocument.Parse((string)span.GetTagItem("gen_ai.input.messages")!);
        using var output = JsonDocument.Parse((string)span.GetTagItem("gen_ai.output.messages")!);
        Assert.Equal("system", input.RootElement[0].GetProperty("role").GetString());
        Assert.Equal("What's the overdraft buffer?", input.RootElement[1].GetProperty("parts")[0].GetProperty("content").GetString());
        Assert.Equal(completion.Content[0].Text, output.RootElement[0].GetProperty("parts")[0].GetProperty("content").GetString());
        Assert.Equal("stop", output.RootElement[0].GetProperty("finish_reason").GetString());
    }
}

using System.Diagnostics;
using LlmReference.ChatApi.Compliance;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Message content recorded on spans (Llm:CaptureContent) is masked before export: the model's raw output is recorded
/// inside the guardrails, so a card number the model wrote must not reach the dashboard in clear.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class GenAiContentRedactionTests(ChatApiEnvironment environment)
{
    private const string Card = "4111.1111.1111.1111";

    [Fact]
    public void ContentAttributesAreMaskedAndOthersLeftAlone()
    {
        using var span = new Activity("chat bank-assist-large");
        span.SetTag("gen_ai.output.messages", $$"""[{"role":"assistant","parts":[{"type":"text","content":"Your card {{Card}} is blocked; write to jo@example.com"}]}]""");
        span.SetTag("gen_ai.input.messages", """[{"role":"user","parts":[{"type":"text","content":"Is my card blocked?"}]}]""");
        span.SetTag("gen_ai.tool.call.result", "GB82 WEST 1234 5698 7654 32");
        span.SetTag("gen_ai.request.model", "bank-assist-large");
        span.SetTag("gen_ai.usage.output_tokens", 12);

        new GenAiContentRedactor().Redact(span);

        var output = (string)span.GetTagItem("gen_ai.output.messages")!;
        Assert.DoesNotContain("1111.1111", output, StringComparison.Ordinal);
        Assert.Contains(PiiRedactor.CardMask, output, StringComparison.Ordinal);
        Assert.Contains(PiiRedactor.EmailMask, output, StringComparison.Ordinal);
        Assert.Equal(PiiRedactor.AccountMask, span.GetTagItem("gen_ai.tool.call.result"));
        Assert.Equal("""[{"role":"user","parts":[{"type":"text","content":"Is my card blocked?"}]}]""", span.GetTagItem("gen_ai.input.messages"));
        Assert.Equal("bank-assist-large", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(12, span.GetTagItem("gen_ai.usage.output_tokens"));
    }

    [Fact]
    public async Task ChatApiMasksRecordedContentBeforeItsSpansAreExported()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["Llm:CaptureContent"] = "true" });
        using var client = host.CreateClient(); // starts the host and its tracer provider

        // A span of ChatApi's own source, as the pipeline's OpenTelemetry stage records a model answer.
        using var source = new ActivitySource(ChatApiTelemetry.Name);
        var traceId = ActivityTraceId.CreateRandom();
        using (var span = source.StartActivity("chat bank-assist-large", ActivityKind.Client, new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded)))
        {
            Assert.NotNull(span);
            span.SetTag("gen_ai.output.messages", $"The card {Card} is blocked.");
        }

        host.FlushTelemetry();
        var exported = Assert.Single(host.Spans.ToArray(), s => s.TraceId == traceId);
        Assert.Equal($"The card {PiiRedactor.CardMask} is blocked.", exported.GetTagItem("gen_ai.output.messages"));
    }
}

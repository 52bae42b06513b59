using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmReference.ModelServer.Completions;
using LlmReference.ModelServer.Wire;

namespace LlmReference.ModelServer.Telemetry;

/// <summary>
/// Records prompts and answers on the generation span as <c>gen_ai.input.messages</c> / <c>gen_ai.output.messages</c>
/// (the GenAI conventions' JSON shape, which the Aspire dashboard's GenAI view reads), but only when
/// <c>Llm:CaptureContent</c> is true: prompts carry customer data, so it is off by default and the AppHost turns it on
/// for local development only.
/// </summary>
internal sealed class ContentCapture(IConfiguration configuration)
{
    // Span attributes are read by people in the dashboard: keep quotes and apostrophes readable.
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public bool Enabled { get; } = configuration.GetValue<bool>(Microsoft.Extensions.Hosting.Extensions.CaptureContentKey);

    public void RecordInput(Activity? activity, IReadOnlyList<ChatMessage> messages)
    {
        if (!Enabled || activity is not { IsAllDataRequested: true })
        {
            return;
        }

        var input = new JsonArray();
        foreach (var message in messages)
        {
            var parts = new JsonArray();
            if (message.Role == "tool")
            {
                parts.Add(new JsonObject { ["type"] = "tool_call_response", ["id"] = message.ToolCallId, ["response"] = MessageText.Of(message) });
            }
            else if (MessageText.Of(message) is { Length: > 0 } text)
            {
                parts.Add(new JsonObject { ["type"] = "text", ["content"] = text });
            }

            foreach (var call in message.ToolCalls ?? [])
            {
                parts.Add(new JsonObject { ["type"] = "tool_call", ["id"] = call.Id, ["name"] = call.Function?.Name, ["arguments"] = call.Function?.Arguments });
            }

            input.Add(new JsonObject { ["role"] = message.Role, ["parts"] = parts });
        }

        activity.SetTag(ModelServerTelemetry.Attributes.InputMessages, input.ToJsonString(RelaxedJson));
    }

    public void RecordOutput(Activity? activity, Generation generation, ShapedCompletion shaped)
    {
        if (!Enabled || activity is not { IsAllDataRequested: true })
        {
            return;
        }

        JsonObject part = generation.ToolCall is { } call
            ? new JsonObject { ["type"] = "tool_call", ["id"] = call.Id, ["name"] = call.Name, ["arguments"] = call.Arguments }
            : new JsonObject { ["type"] = "text", ["content"] = string.Concat(shaped.Pieces) };
        var output = new JsonArray(new JsonObject
        {
            ["role"] = "assistant",
            ["parts"] = new JsonArray(part),
            ["finish_reason"] = shaped.FinishReason,
        });
        activity.SetTag(ModelServerTelemetry.Attributes.OutputMessages, output.ToJsonString(RelaxedJson));
    }
}

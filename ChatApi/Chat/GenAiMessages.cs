using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// Prompt and completion text in the GenAI semantic conventions' JSON shape (<c>gen_ai.input.messages</c>,
/// <c>gen_ai.output.messages</c>, <c>gen_ai.system_instructions</c>), for spans when content capture is on.
/// </summary>
public static class GenAiMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The conversation sent to the model, without the system prompt (that is <see cref="SystemInstructions"/>).</summary>
    public static string Input(IEnumerable<ChatMessageContent> messages) => JsonSerializer.Serialize(
        messages.Where(m => m.Role != AuthorRole.System && !string.IsNullOrEmpty(m.Content))
            .Select(m => new Message(m.Role.Label, [new TextPart(m.Content!)])),
        Json);

    public static string SystemInstructions(string systemPrompt) => JsonSerializer.Serialize(new[] { new TextPart(systemPrompt) }, Json);

    public static string Output(string reply) =>
        JsonSerializer.Serialize(new[] { new Message("assistant", [new TextPart(reply)], "stop") }, Json);

    private sealed record TextPart(string Content)
    {
        public string Type => "text";
    }

    private sealed record Message(string Role, TextPart[] Parts, [property: JsonPropertyName("finish_reason")] string? FinishReason = null);
}

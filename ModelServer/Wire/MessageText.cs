using System.Text.Json;

namespace LlmReference.ModelServer.Wire;

/// <summary>The text of a message whose <c>content</c> is a string or an array of parts.</summary>
internal static class MessageText
{
    public static string Of(ChatMessage message)
    {
        if (message.Content is not { } content)
        {
            return "";
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? "",
            JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                .Select(p => p.GetProperty("text").GetString())),
            _ => "",
        };
    }
}

using System.Text.Json;
using LlmReference.ModelServer.Wire;

namespace LlmReference.ModelServer.Completions;

/// <summary>Checks a chat request the way OpenAI does and answers 400 <c>invalid_request_error</c> naming the bad parameter.</summary>
internal static class ChatRequestValidator
{
    private const int MaxStops = 4;
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static (ValidatedChatRequest? Request, OpenAIErrorResult? Error) Validate(ChatCompletionRequest body, ModelServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return Fail("You must provide a model parameter.", "model");
        }

        if (body.Messages is not { Count: > 0 } messages)
        {
            return Fail("'messages' must contain at least one message.", "messages");
        }

        if (messages.Count > options.MaxMessages)
        {
            return Fail($"'messages' has {messages.Count} items; this server accepts at most {options.MaxMessages} (ModelServer:MaxMessages).", "messages");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role is not { } role || !Roles.Contains(role))
            {
                return Fail($"Invalid value for 'messages[{i}].role': expected one of {string.Join(", ", Roles)}.", $"messages[{i}].role");
            }

            if (messages[i].Content is { ValueKind: not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null) })
            {
                return Fail($"Invalid type for 'messages[{i}].content': expected a string, an array of content parts or null.", $"messages[{i}].content");
            }
        }

        if (body.N is { } n && n != 1)
        {
            return Fail("This server generates one choice per request: 'n' must be 1.", "n");
        }

        if (body.Temperature is < 0 or > 2)
        {
            return Fail("Invalid 'temperature': must be between 0 and 2.", "temperature");
        }

        if (body.TopP is < 0 or > 1)
        {
            return Fail("Invalid 'top_p': must be between 0 and 1.", "top_p");
        }

        var maxTokens = body.MaxCompletionTokens ?? body.MaxTokens;
        var maxParam = body.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens";
        if (maxTokens is < 1)
        {
            return Fail($"Invalid '{maxParam}': must be at least 1.", maxParam);
        }

        var outputCap = options.GetServedProfile().MaxOutputTokens;
        if (maxTokens > outputCap)
        {
            return Fail($"'{maxParam}' is too large: {maxTokens}. This model supports at most {outputCap} completion tokens.", maxParam);
        }

        if (ReadStops(body.Stop) is not { } stops)
        {
            return Fail($"Invalid 'stop': expected a string or an array of up to {MaxStops} non-empty strings.", "stop");
        }

        var tools = body.Tools ?? [];
        if (tools.Count > options.MaxTools)
        {
            return Fail($"'tools' has {tools.Count} items; this server accepts at most {options.MaxTools} (ModelServer:MaxTools).", "tools");
        }

        for (var i = 0; i < tools.Count; i++)
        {
            if (tools[i].Type != "function" || string.IsNullOrWhiteSpace(tools[i].Function?.Name))
            {
                return Fail($"Invalid 'tools[{i}]': expected {{\"type\":\"function\",\"function\":{{\"name\":...}}}}.", $"tools[{i}]");
            }
        }

        return (new ValidatedChatRequest(
            body.Model,
            messages,
            body.Stream ?? false,
            body.StreamOptions?.IncludeUsage ?? false,
            maxTokens,
            stops,
            body.Seed ?? options.Seed,
            body.Temperature,
            tools,
            body.ToolChoice), null);
    }

    private static List<string>? ReadStops(JsonElement? stop)
    {
        switch (stop)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return [];
            case { ValueKind: JsonValueKind.String } single:
                return single.GetString() is { Length: > 0 } text ? [text] : null;
            case { ValueKind: JsonValueKind.Array } many when many.GetArrayLength() <= MaxStops:
                var stops = new List<string>();
                foreach (var item in many.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } value)
                    {
                        return null;
                    }

                    stops.Add(value);
                }

                return stops;
            default:
                return null;
        }
    }

    private static (ValidatedChatRequest?, OpenAIErrorResult?) Fail(string message, string param) =>
        (null, OpenAIErrors.BadRequest(message, param));
}

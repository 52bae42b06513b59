using System.Collections.Concurrent;
using System.Text.Json;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Records the bodies of the HTTP requests ChatApi's model client really sends (innermost handler, so what goes on
/// the wire), to assert what the model received. The model server's own journal has no message content.
/// </summary>
public sealed class ModelTraffic
{
    private readonly ConcurrentQueue<string> _chatBodies = new();
    private readonly ConcurrentQueue<(int Prompt, int Completion)> _usages = new();

    /// <summary>The usage each non-streamed chat response reported, in arrival order.</summary>
    public IReadOnlyList<(int Prompt, int Completion)> ResponseUsages => [.. _usages];

    public DelegatingHandler CreateHandler() => new RecordingHandler(this);

    public IReadOnlyList<string> ChatBodies => [.. _chatBodies];

    /// <summary>The (role, text) messages of the most recent chat-completions request.</summary>
    public IReadOnlyList<(string Role, string Content)> LastMessages()
    {
        Assert.False(_chatBodies.IsEmpty, "no chat request reached the model");
        return Messages(_chatBodies.Last());
    }

    /// <summary>The (role, text) messages of one recorded chat-completions body.</summary>
    public static IReadOnlyList<(string Role, string Content)> Messages(string chatBody)
    {
        using var body = JsonDocument.Parse(chatBody);
        return [.. body.RootElement.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, m.TryGetProperty("content", out var content) ? Text(content) : ""))];
    }

    // An assistant message that only calls tools may carry no content at all.
    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : content.ValueKind == JsonValueKind.Null ? ""
        : string.Concat(content.EnumerateArray().Select(part => part.GetProperty("text").GetString()));

    private sealed class RecordingHandler(ModelTraffic traffic) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null && request.RequestUri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) == true)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
                traffic._chatBodies.Enqueue(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json"
                && request.RequestUri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) == true)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (body.RootElement.TryGetProperty("usage", out var usage))
                {
                    traffic._usages.Enqueue((usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32()));
                }
            }

            return response;
        }
    }
}

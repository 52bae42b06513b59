using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LlmReference.EndToEnd.Tests;

/// <summary>One server-sent event of <c>POST /api/chat/stream</c>, with when it arrived.</summary>
public sealed record StreamEvent(string Type, JsonElement Data, TimeSpan At);

/// <summary>Chat calls through ChatApi with a plain client, returning exactly what ChatApi answered.</summary>
public static class ChatCalls
{
    /// <summary>
    /// <c>POST /api/chat</c> as <paramref name="userId"/> (a fresh one by default: no earlier test's rate limit or
    /// budget applies) with a message no earlier turn sent (the response cache cannot answer for the model).
    /// </summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ChatAsync(
        HttpClient chat, string? message = null, string? userId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = JsonContent.Create(new { message = message ?? $"What are your fees? ({Guid.NewGuid():N})" }),
        };
        request.Headers.Add("X-User-Id", userId ?? $"e2e-{Guid.NewGuid():N}");
        var response = await chat.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    /// <summary>
    /// <c>POST /api/chat/stream</c>, read to its end: the response (for status and headers) and every event in order.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, IReadOnlyList<StreamEvent> Events)> StreamAsync(
        HttpClient chat, string message, string? userId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream")
        {
            Content = JsonContent.Create(new { message }),
        };
        request.Headers.Add("X-User-Id", userId ?? $"e2e-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        var response = await chat.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            return (response, []);
        }

        var events = new List<StreamEvent>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        string? type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    events.Add(new StreamEvent(type ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone(), clock.Elapsed));
                }

                type = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line["data:".Length..].TrimStart());
            }
        }

        return (response, events);
    }
}

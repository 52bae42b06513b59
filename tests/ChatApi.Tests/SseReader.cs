using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace LlmReference.ChatApi.Tests;

/// <summary>One received server-sent event with the time (since the request was sent) it arrived.</summary>
public sealed record ReceivedEvent(string Type, JsonElement Data, TimeSpan At);

/// <summary>Posts to <c>/api/chat/stream</c> and reads the events as they arrive.</summary>
public static class SseReader
{
    public static async Task<HttpResponseMessage> PostStreamAsync(this HttpClient client, string message, string? sessionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { sessionId, message }),
        };
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async IAsyncEnumerable<ReceivedEvent> EventsAsync(this HttpResponseMessage response, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(body).EnumerateAsync())
        {
            using var data = JsonDocument.Parse(item.Data);
            yield return new ReceivedEvent(item.EventType, data.RootElement.Clone(), clock.Elapsed);
        }
    }

    public static async Task<List<ReceivedEvent>> ReadAllEventsAsync(this HttpResponseMessage response, Stopwatch? clock = null)
    {
        var events = new List<ReceivedEvent>();
        await foreach (var received in response.EventsAsync(clock))
        {
            events.Add(received);
        }

        return events;
    }
}

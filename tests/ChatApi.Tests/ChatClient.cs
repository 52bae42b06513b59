using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LlmReference.ChatApi.Chat;

namespace LlmReference.ChatApi.Tests;

/// <summary>Small helpers for calling <c>POST /api/chat</c> and reading its answers.</summary>
public static class ChatClient
{
    public const string Path = "/api/chat";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Makes <paramref name="client"/> identify as <paramref name="userId"/> (development <c>X-User-Id</c> header).</summary>
    public static HttpClient As(this HttpClient client, string userId)
    {
        client.DefaultRequestHeaders.Remove("X-User-Id");
        client.DefaultRequestHeaders.Add("X-User-Id", userId);
        return client;
    }

    /// <summary>
    /// A caller no other test uses: rate limits are counted in the shared Garnet, so a test about a limit must not
    /// inherit the requests earlier tests made as <see cref="ChatApiHost.DefaultUserId"/>.
    /// </summary>
    public static string NewUserId(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(64, purpose.Length + 33)];

    public static Task<HttpResponseMessage> PostChatAsync(this HttpClient client, string message, string? sessionId = null) =>
        client.PostAsJsonAsync(Path, new ChatRequest(sessionId, message), Json);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string contentType = "application/json") =>
        client.PostAsync(Path, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<ChatResponse> ChatAsync(this HttpClient client, string message, string? sessionId = null)
    {
        using var response = await client.PostChatAsync(message, sessionId);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"chat failed with {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<ChatResponse>(body, Json)!;
    }

    /// <summary>Asserts an RFC 7807 problem with the given status and a non-empty detail; returns the problem JSON.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"problem has no detail: {body}");
        // Every problem names its kind by a type link, so a client can branch on it without parsing the title.
        Assert.True(problem.TryGetProperty("type", out var type) && Uri.IsWellFormedUriString(type.GetString(), UriKind.Absolute),
            $"problem has no type: {body}");
        return problem;
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LlmReference.ChatApi.Chat;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>
/// One thing measured: a name and the request it answers. Every target gets the same question; the direct call and
/// the gateway send the model the prompt ChatApi builds for a new session (its system prompt, the question, its
/// output cap), so the model does the same work behind each and the difference is what sits in front of it.
/// </summary>
internal sealed class Target(string name, HttpClient client, Func<HttpRequestMessage> request)
{
    public const string Direct = "direct";
    public const string Gateway = "gateway";
    public const string ChatApi = "chatapi";

    /// <summary>A question the local model answers from its knowledge base without calling a tool.</summary>
    public const string Question = "How do I block my card?";

    public string Name => name;

    public async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        using var message = request();
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The model server itself: <c>POST /v1/chat/completions</c>.</summary>
    public static Target ToModel(HttpClient client, Uri model) =>
        new(Direct, client, () => Completion(new Uri(model, "/v1/chat/completions")));

    /// <summary>
    /// An OpenAI-compatible gateway forwarding to the same model server. The headers are Portkey's (provider
    /// <c>openai</c> at a custom host); a gateway that ignores them needs its upstream configured to <paramref name="model"/>.
    /// </summary>
    public static Target ThroughGateway(HttpClient client, Uri gateway, Uri model) =>
        new(Gateway, client, () =>
        {
            var message = Completion(new Uri(gateway, "/v1/chat/completions"));
            message.Headers.Add("x-portkey-provider", "openai");
            message.Headers.Add("x-portkey-custom-host", new Uri(model, "/v1").ToString());
            return message;
        });

    /// <summary>
    /// ChatApi's <c>POST /api/chat</c>: a new session per request (no <c>sessionId</c>), the response cache skipped
    /// with <c>Cache-Control: no-cache</c>, as many development identities (<c>X-User-Id</c>) as workers, taken in turn,
    /// so budget counters and rate-limit partitions are spread as real users would spread them.
    /// </summary>
    public static Target ToChatApi(HttpClient client, Uri chatApi, int workers)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { message = Question }));
        var users = Enumerable.Range(0, workers).Select(w => $"bench-{w}").ToArray();
        var next = 0;
        return new(ChatApi, client, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, new Uri(chatApi, "/api/chat")) { Content = Json(body) };
            message.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
            message.Headers.Add("X-User-Id", users[(int)((uint)Interlocked.Increment(ref next) % users.Length)]);
            return message;
        });
    }

    private static readonly byte[] CompletionBody = JsonSerializer.SerializeToUtf8Bytes(new
    {
        model = "bank-assist-large",
        messages = new object[]
        {
            new { role = "system", content = ChatApiOptions.DefaultSystemPrompt },
            new { role = "user", content = Question },
        },
        max_tokens = new ChatApiOptions().MaxOutputTokens,
    });

    private static HttpRequestMessage Completion(Uri uri)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Json(CompletionBody) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "benchmark");
        return message;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}

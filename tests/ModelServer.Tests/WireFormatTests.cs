using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace LlmReference.ModelServer.Tests;

/// <summary>The exact OpenAI wire format and error shapes, checked on raw HTTP.</summary>
public sealed class WireFormatTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    [Fact]
    public async Task CompletionUsesOpenAIWireFormat()
    {
        using var client = factory.CreateHttpClient();

        using var response = await ChatRequests.PostAsync(client, ChatRequests.Body("What does the Premium account cost?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ChatRequests.ReadJsonAsync(response);
        Assert.Equal("chat.completion", (string?)json["object"]);
        Assert.StartsWith("chatcmpl-", (string?)json["id"]);
        Assert.StartsWith("fp_", (string?)json["system_fingerprint"]);
        Assert.InRange((long)json["created"]!, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        var choice = json["choices"]![0]!;
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        Assert.Equal("assistant", (string?)choice["message"]!["role"]);
        Assert.Contains("$12 a month", (string?)choice["message"]!["content"]);
        var usage = json["usage"]!;
        Assert.Equal((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!);
        Assert.True(response.Headers.Contains("x-ratelimit-remaining-requests"));
        Assert.True(response.Headers.Contains("x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task StreamSendsChunksThenUsageThenDone()
    {
        using var client = factory.CreateHttpClient();
        var body = ChatRequests.Body("How do I dispute a payment?", stream: true);
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var response = await ChatRequests.PostAsync(client, body);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Single(chunks.Select(c => (string?)c["id"]).Distinct());
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        Assert.Equal("stop", (string?)chunks[^2]["choices"]![0]!["finish_reason"]);
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        var text = string.Concat(chunks.SkipLast(2).Select(c => (string?)c["choices"]![0]!["delta"]!["content"]));
        Assert.Contains("Report a problem", text);
        Assert.Equal(chunks.Count - 2, (int)chunks[^1]["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task MalformedJsonIsRejectedWithOpenAIError()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent("{\"model\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ChatRequests.ReadJsonAsync(response))["error"]!;
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
    }

    [Fact]
    public async Task EmptyMessagesIsRejectedNamingTheParameter()
    {
        using var client = factory.CreateHttpClient();
        var body = ChatRequests.Body("x");
        body["messages"] = new JsonArray();

        using var response = await ChatRequests.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("messages", (string?)(await ChatRequests.ReadJsonAsync(response))["error"]!["param"]);
    }

    [Theory]
    [InlineData("n", 2)]
    [InlineData("temperature", 3)]
    [InlineData("max_tokens", 0)]
    [InlineData("max_tokens", 1_000_000)]
    public async Task OutOfRangeParameterIsRejected(string parameter, int value)
    {
        using var client = factory.CreateHttpClient();
        var body = ChatRequests.Body("Hello");
        body[parameter] = value;

        using var response = await ChatRequests.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (string?)(await ChatRequests.ReadJsonAsync(response))["error"]!["param"]);
    }

    [Fact]
    public async Task PromptLongerThanContextWindowIsRejectedWithContextLengthExceeded()
    {
        using var client = factory.CreateHttpClient();
        var question = string.Concat(Enumerable.Repeat("overdraft ", 17_000));

        using var response = await ChatRequests.PostAsync(client, ChatRequests.Body(question));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ChatRequests.ReadJsonAsync(response))["error"]!;
        Assert.Equal("context_length_exceeded", (string?)error["code"]);
        Assert.Contains("maximum context length is 16384 tokens", (string?)error["message"]);
    }

    [Fact]
    public async Task BodyOverTheSizeLimitIsRejectedWith413()
    {
        using var client = factory.CreateHttpClient();
        var question = new string('a', 1024 * 1024 + 10);

        using var response = await ChatRequests.PostAsync(client, ChatRequests.Body(question));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (string?)(await ChatRequests.ReadJsonAsync(response))["error"]!["code"]);
    }

    [Fact]
    public async Task EmptyBearerKeyIsAcceptedWhenNoKeyIsConfigured()
    {
        using var client = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(ChatRequests.Body("Hi")) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownModelErrorHasOpenAIShape()
    {
        using var client = factory.CreateHttpClient();

        using var response = await ChatRequests.PostAsync(client, ChatRequests.Body("Hi", model: "bank-assist-small"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        var error = (await ChatRequests.ReadJsonAsync(response))["error"]!;
        Assert.Equal("model_not_found", (string?)error["code"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
    }
}

using System.Net.Http.Json;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class ValidationTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private readonly ChatApiHost _host = new(environment, new Dictionary<string, string?>
    {
        ["Chat:MaxMessageLength"] = "100",
        ["Chat:MaxRequestBodyBytes"] = "2048",
    });

    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _host.CreateKestrelClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyMessageReturnsBadRequest(string message)
    {
        using var response = await _client.PostChatAsync(message);
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("message", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task MissingMessageReturnsBadRequest()
    {
        using var response = await _client.PostRawAsync("""{ "sessionId": "abc" }""");
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("required", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OverlongMessageReturnsBadRequest()
    {
        using var response = await _client.PostChatAsync(new string('a', 101));
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("limit is 100", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{ "message": "hi\u0000there" }""", "U+0000 at index 2")]
    [InlineData("""{ "message": "colour \u001b[31mred" }""", "U+001B at index 7")]
    [InlineData("""{ "message": "ab\u007f" }""", "U+007F at index 2")]
    public async Task ControlCharacterInTheMessageIsNamedWithItsPlace(string body, string expected)
    {
        using var response = await _client.PostRawAsync(body);
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        Assert.Contains("message", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TabsAndLineBreaksAreOrdinaryText()
    {
        var reply = await _client.ChatAsync("Two lines:\r\n\tindented");
        Assert.False(string.IsNullOrWhiteSpace(reply.Reply));
    }

    [Fact]
    public async Task MessageAtTheLimitIsAccepted()
    {
        var reply = await _client.ChatAsync(new string('a', 100));
        Assert.False(string.IsNullOrWhiteSpace(reply.Reply));
    }

    [Theory]
    [InlineData("""{ "message": "hello" """)]
    [InlineData("""not json""")]
    [InlineData("""{ "message": 42 }""")]
    [InlineData("""[ "hello" ]""")]
    public async Task MalformedJsonReturnsBadRequest(string body)
    {
        using var response = await _client.PostRawAsync(body);
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownFieldReturnsBadRequest()
    {
        using var response = await _client.PostRawAsync("""{ "message": "hello", "temperature": 2 }""");
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("temperature", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EmptyBodyReturnsBadRequest()
    {
        using var response = await _client.PostRawAsync("");
        await response.AssertProblemAsync(400);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("chat:session:other")]
    [InlineData("")]
    public async Task InvalidSessionIdReturnsBadRequest(string sessionId)
    {
        using var response = await _client.PostChatAsync("hello", sessionId);
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("sessionId", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TooLongSessionIdReturnsBadRequest()
    {
        using var response = await _client.PostChatAsync("hello", new string('s', 65));
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task OversizedBodyReturnsPayloadTooLarge()
    {
        // Under the message limit once parsed, but the padding makes the body exceed the 2 KiB body limit.
        var body = $$"""{ "message": "hello" {{new string(' ', 4096)}} }""";
        using var response = await _client.PostRawAsync(body);
        var problem = await response.AssertProblemAsync(413);
        Assert.Contains("2048 bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task NonJsonContentTypeIsRejected()
    {
        using var response = await _client.PostRawAsync("message=hello", "application/x-www-form-urlencoded");
        var problem = await response.AssertProblemAsync(415);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RejectedRequestsAreNotStored()
    {
        using var response = await _client.PostAsJsonAsync(ChatClient.Path, new { sessionId = "rejected-session", message = "" });
        await response.AssertProblemAsync(400);
        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        Assert.Null(await redis.GetAsync("rejected-session"));
    }
}

using System.Net.Http.Headers;
using LlmReference.ChatApi.Identity;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class IdentityTests(ChatApiEnvironment environment)
{
    private const string AliceKey = "alice-3d7f1c0e9b2a4f6d8e5c1b0a9f8e7d6c";
    private const string BobKey = "bob-0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private ChatApiHost HostWithKeys(bool allowUserIdHeader = false) => new(environment, new Dictionary<string, string?>
    {
        ["Auth:AllowUserIdHeader"] = allowUserIdHeader ? "true" : "false",
        ["Auth:ApiKeys:0:UserId"] = "alice",
        ["Auth:ApiKeys:0:KeyHash"] = ApiKeyHasher.Hash(AliceKey),
        ["Auth:ApiKeys:1:UserId"] = "bob",
        ["Auth:ApiKeys:1:KeyHash"] = ApiKeyHasher.Hash(BobKey),
    });

    private static HttpClient Anonymous(ChatApiHost host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Remove("X-User-Id");
        return client;
    }

    [Fact]
    public async Task MissingCredentialsReturnUnauthorized()
    {
        await using var host = HostWithKeys();
        using var client = Anonymous(host);

        using var response = await client.PostChatAsync("Hello");

        var problem = await response.AssertProblemAsync(401);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(host.ModelTraffic.ChatBodies);
    }

    [Fact]
    public async Task WrongApiKeyReturnsUnauthorized()
    {
        await using var host = HostWithKeys();
        using var client = Anonymous(host);
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key-anyone-was-given");

        using var response = await client.PostChatAsync("Hello");

        var problem = await response.AssertProblemAsync(401);
        Assert.Equal("The API key is not valid.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ValidApiKeyIdentifiesItsUser()
    {
        await using var host = HostWithKeys();
        using var client = Anonymous(host);
        client.DefaultRequestHeaders.Add("X-Api-Key", AliceKey);

        var reply = await client.ChatAsync("Hello, it is Alice");

        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        Assert.NotNull(await redis.GetAsync(reply.SessionId, userId: "alice"));
    }

    [Fact]
    public async Task ApiKeyIsAcceptedAsBearerToken()
    {
        await using var host = HostWithKeys();
        using var client = Anonymous(host);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BobKey);

        var reply = await client.ChatAsync("Hello, it is Bob");

        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        Assert.NotNull(await redis.GetAsync(reply.SessionId, userId: "bob"));
    }

    [Fact]
    public async Task UserIdHeaderIsRefusedUnlessAllowed()
    {
        await using var host = HostWithKeys(allowUserIdHeader: false);
        using var client = host.CreateClient(); // sends X-User-Id

        using var response = await client.PostChatAsync("Hello");

        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task MalformedUserIdHeaderReturnsUnauthorized()
    {
        await using var host = HostWithKeys(allowUserIdHeader: true);
        using var client = Anonymous(host);
        client.DefaultRequestHeaders.Add("X-User-Id", "alice:admin");

        using var response = await client.PostChatAsync("Hello");

        var problem = await response.AssertProblemAsync(401);
        Assert.Contains("X-User-Id", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ASessionIdDoesNotOpenAnotherUsersConversation()
    {
        await using var host = HostWithKeys();
        using var alice = Anonymous(host);
        alice.DefaultRequestHeaders.Add("X-Api-Key", AliceKey);
        using var bob = Anonymous(host);
        bob.DefaultRequestHeaders.Add("X-Api-Key", BobKey);

        var aliceTurn = await alice.ChatAsync("My account number is 12345678, please remember it.");
        await bob.ChatAsync("What is the account number you were told?", aliceTurn.SessionId);

        var sent = host.ModelTraffic.LastMessages();
        Assert.Equal(2, sent.Count);
        Assert.DoesNotContain(sent, m => m.Content.Contains("12345678", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth:ApiKeys:0:KeyHash", "plain-text-key")]
    [InlineData("Auth:ApiKeys:0:UserId", "alice smith")]
    public async Task MalformedKeyEntryFailsStart(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:UserId"] = "alice",
            ["Auth:ApiKeys:0:KeyHash"] = ApiKeyHasher.Hash(AliceKey),
            [key] = value,
        };
        await using var host = new ChatApiHost(environment, settings);
        var exception = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("Auth:ApiKeys:0", exception.ToString());
        Assert.DoesNotContain(AliceKey, exception.ToString());
    }
}

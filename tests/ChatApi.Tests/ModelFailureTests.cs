using System.Globalization;
using LlmReference.TestSupport;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class ModelFailureTests(ChatApiEnvironment environment)
{
    [Fact]
    public async Task UnreachableModelReturnsServiceUnavailable()
    {
        var closedPort = GarnetFixture.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString($"http://127.0.0.1:{closedPort}/v1"),
        });
        using var client = host.CreateClient();

        using var response = await client.PostChatAsync("Is anyone there?", "unreachable-model");

        var problem = await response.AssertProblemAsync(503);
        Assert.Contains("did not answer", problem.GetProperty("detail").GetString());
        await using var redis = new RedisHistory(environment.Garnet.ConnectionString);
        Assert.Null(await redis.GetAsync("unreachable-model"));
    }

    [Fact]
    public async Task ExplicitEndpointToAClosedPortReturnsServiceUnavailable()
    {
        var closedPort = GarnetFixture.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString($"http://127.0.0.1:{closedPort}/v1", "llama3.2"),
        });
        using var client = host.CreateClient();

        using var response = await client.PostChatAsync("Hello?");

        await response.AssertProblemAsync(503);
    }

    [Fact]
    public async Task ModelRejectingTheRequestReturnsBadGateway()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString(environment.ModelServer.V1Endpoint.ToString(), "no-such-model"),
        });
        using var client = host.CreateClient();

        using var response = await client.PostChatAsync("Hello?");

        var problem = await response.AssertProblemAsync(502);
        ModelRefusal.AssertInOurWords(problem.GetProperty("detail").GetString(), "'model' (no-such-model)");
    }

    [Fact]
    public async Task UnreachableHistoryStoreReturnsServiceUnavailable()
    {
        var closedPort = GarnetFixture.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = $"127.0.0.1:{closedPort},connectTimeout=500,abortConnect=false",
        });
        using var client = host.CreateClient();

        using var response = await client.PostChatAsync("Hello?");

        var problem = await response.AssertProblemAsync(503);
        Assert.Contains("conversation store", problem.GetProperty("detail").GetString());
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }
}

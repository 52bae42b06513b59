using System.ClientModel;
using System.Net;
using OpenAI.Chat;

namespace LlmReference.ModelServer.Tests;

public sealed class ApiKeyServerFactory() : ModelServerFactory(new Dictionary<string, string?> { ["ModelServer:ApiKey"] = ApiKey })
{
    public const string ApiKey = "sk-test-key";
}

/// <summary>With <c>ModelServer:ApiKey</c> set, /v1 needs the bearer key.</summary>
public sealed class ApiKeyTests(ApiKeyServerFactory factory) : IClassFixture<ApiKeyServerFactory>
{
    [Fact]
    public async Task WrongKeyIsRejectedWith401InvalidApiKey()
    {
        var client = factory.CreateChatClient(apiKey: "sk-wrong");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.Message);
    }

    [Fact]
    public async Task MissingKeyIsRejectedWith401()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (string?)(await ChatRequests.ReadJsonAsync(response))["error"]!["code"]);
    }

    [Fact]
    public async Task RightKeyIsAccepted()
    {
        var client = factory.CreateChatClient(apiKey: ApiKeyServerFactory.ApiKey);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("What is a chargeback?")]);

        Assert.Contains("chargeback", completion.Content[0].Text);
    }
}

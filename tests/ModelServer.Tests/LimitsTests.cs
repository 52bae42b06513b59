using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LlmReference.ModelServer.Tests;

/// <summary>Small count limits, so each one can be crossed cheaply.</summary>
public sealed class SmallLimitsServerFactory() : ModelServerFactory(new Dictionary<string, string?>
{
    ["ModelServer:MaxMessages"] = "3",
    ["ModelServer:MaxTools"] = "1",
    ["ModelServer:MaxEmbeddingInputs"] = "2",
    ["ModelServer:RecentRequestCapacity"] = "2",
});

/// <summary>Every count limit is configurable and answers a clear 400 naming the parameter and the setting.</summary>
public sealed class LimitsTests(SmallLimitsServerFactory factory) : IClassFixture<SmallLimitsServerFactory>
{
    [Fact]
    public async Task TooManyMessagesIsRejected()
    {
        using var client = factory.CreateHttpClient();
        var body = ChatRequests.Body("Hi");
        var messages = body["messages"]!.AsArray();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = $"message {i}" });
        }

        using var response = await ChatRequests.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ChatRequests.ReadJsonAsync(response))["error"]!;
        Assert.Equal("messages", (string?)error["param"]);
        Assert.Contains("ModelServer:MaxMessages", (string?)error["message"]);
    }

    [Fact]
    public async Task TooManyToolsIsRejected()
    {
        using var client = factory.CreateHttpClient();
        var body = ChatRequests.Body("Hi");
        body["tools"] = new JsonArray(Tool("a"), Tool("b"));

        using var response = await ChatRequests.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tools", (string?)(await ChatRequests.ReadJsonAsync(response))["error"]!["param"]);
    }

    [Fact]
    public async Task TooManyEmbeddingInputsIsRejected()
    {
        using var client = factory.CreateHttpClient();

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = ModelServerFactory.EmbeddingModel, input = new[] { "a", "b", "c" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ModelServer:MaxEmbeddingInputs", (string?)(await ChatRequests.ReadJsonAsync(response))["error"]!["message"]);
    }

    [Fact]
    public async Task RequestJournalKeepsOnlyTheConfiguredNumberOfRequests()
    {
        using var client = factory.CreateHttpClient();
        using var admin = factory.CreateAdminClient();
        for (var i = 0; i < 4; i++)
        {
            (await client.GetAsync("/v1/models")).Dispose();
        }

        // Entries are written as responses complete; give the last one a moment.
        await Task.Delay(100);
        var entries = await admin.GetFromJsonAsync<JsonArray>("/admin/requests");
        using var zero = await admin.GetAsync("/admin/requests?limit=0");
        using var text = await admin.GetAsync("/admin/requests?limit=abc");

        Assert.Equal(2, entries!.Count);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
    }

    private static JsonObject Tool(string name) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["parameters"] = new JsonObject { ["type"] = "object" } },
    };
}

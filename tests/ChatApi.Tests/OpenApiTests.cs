using System.Net;
using System.Text.Json;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class OpenApiTests(ChatApiEnvironment environment)
{
    [Fact]
    public async Task DocumentDescribesEveryChatEndpoint()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/chat", "/api/chat/stream", "/api/chat/feedback" })
        {
            Assert.True(paths.TryGetProperty(path, out var operations) || paths.TryGetProperty(path + "/", out operations), $"{path} is not documented");
            Assert.True(operations.TryGetProperty("post", out _));
        }
    }

    [Fact]
    public async Task InteractiveReferenceIsServedInDevelopment()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DocumentIsNotServedOutsideDevelopment()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

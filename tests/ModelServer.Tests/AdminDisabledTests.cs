using System.Net;
using System.Text.Json.Nodes;
using System.Net.Http.Json;

namespace LlmReference.ModelServer.Tests;

public sealed class NoAdminKeyServerFactory() : ModelServerFactory(new Dictionary<string, string?> { ["ModelServer:AdminKey"] = "" });

/// <summary>Without a configured admin key the admin API is off, whatever key a caller sends.</summary>
public sealed class AdminDisabledTests(NoAdminKeyServerFactory factory) : IClassFixture<NoAdminKeyServerFactory>
{
    [Fact]
    public async Task AdminApiAnswers403ProblemWhenNoKeyIsConfigured()
    {
        using var client = factory.CreateAdminClient();

        using var response = await client.PostAsync("/admin/faults/outage", null);
        using var models = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("ModelServer:AdminKey", (string?)problem!["detail"]);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }
}

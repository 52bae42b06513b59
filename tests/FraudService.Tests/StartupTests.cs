using System.Net;
using System.Text.Json;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests;

[Collection(FraudServiceCollection.Name)]
public sealed class StartupTests(FraudServiceFactory factory)
{
    [Fact]
    public async Task ReadinessIsHealthyWithTheCacheUp()
    {
        using var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", doc.RootElement.GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("checks").EnumerateObject().Count() >= 2, doc.RootElement.ToString()); // self + redis
    }
}

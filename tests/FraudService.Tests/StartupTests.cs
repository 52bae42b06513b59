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
        var checks = doc.RootElement.GetProperty("checks").EnumerateObject().ToList();
        Assert.True(checks.Count >= 3, doc.RootElement.ToString()); // self, redis, slo
        // The slo check judges the traffic this collection's other tests sent (slow first scores on a busy machine
        // can burn the 50 ms latency budget); SloTests covers it. Everything else must be Healthy.
        Assert.Contains(checks, c => c.Name == "slo");
        Assert.All(checks.Where(c => c.Name != "slo"), c => Assert.True(
            c.Value.GetProperty("status").GetString() == "Healthy", $"{c.Name}: {c.Value}"));
    }
}

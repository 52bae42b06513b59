using System.Net;
using System.Net.Http.Json;
using LlmReference.FraudService.Tests.Infrastructure;
using LlmReference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlmReference.FraudService.Tests.Transactions;

/// <summary>With the cache unreachable, scoring fails loudly with 503 problem details and Retry-After (never a silent approve) and readiness is unhealthy.</summary>
public sealed class CacheOutageTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        // Nothing listens on this port; short timeouts keep the test quick.
        b.UseSetting("ConnectionStrings:cache", $"127.0.0.1:{GarnetFixture.FreeTcpPort()},connectTimeout=300,asyncTimeout=500,syncTimeout=500,connectRetry=0");
        b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        b.UseSetting("Fraud:Access:ApiKey", FraudServiceFactory.ApiKey);
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ScoringWithoutTheCacheIsServiceUnavailableProblem()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(FraudApiKey.HeaderName, FraudServiceFactory.ApiKey);
        using var response = await client.PostAsJsonAsync(
            "/api/fraud/score", TestTransactions.Typical(TestTransactions.NewCustomerId()), HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Contains("transaction store", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessIsUnhealthyWithoutTheCache()
    {
        using var response = await _factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}

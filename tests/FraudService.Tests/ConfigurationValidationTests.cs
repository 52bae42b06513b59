using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Tests;

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Fraud:Scoring:ReviewThreshold", "0.9")] // above the decline threshold
    [InlineData("Fraud:Scoring:DeclineThreshold", "1.5")]
    [InlineData("Fraud:Storage:Ttl", "00:00:00")]
    [InlineData("Fraud:Api:MaxRequestBodyBytes", "10")]
    [InlineData("Fraud:Validation:MaxAmount", "0")]
    [InlineData("Fraud:Labels:MaxBatchSize", "0")]
    [InlineData("Fraud:Monitoring:LabelWindowSize", "1")]
    [InlineData("Fraud:Access:ApiKey", "too-short")]
    public void InvalidConfigurationStopsTheServiceAtStart(string key, string value)
    {
        // A factory of its own (in-memory server): the host must refuse to start before it touches the cache.
        using var broken = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:cache", "127.0.0.1:1");
            b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
            b.UseSetting("Fraud:Access:ApiKey", Infrastructure.FraudServiceFactory.ApiKey);
            b.UseSetting(key, value);
        });

        var error = Assert.Throws<OptionsValidationException>(() => broken.Server);
        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceWithoutAnApiKeyDoesNotStart()
    {
        using var open = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:cache", "127.0.0.1:1");
            b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        });

        var error = Assert.Throws<OptionsValidationException>(() => open.Server);
        Assert.Contains("Fraud:Access:ApiKey is not set", error.Message, StringComparison.Ordinal);
    }
}

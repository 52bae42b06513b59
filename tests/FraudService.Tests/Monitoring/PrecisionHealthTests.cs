using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LlmReference.FraudService.Tests.Monitoring;

public sealed class PrecisionHealthTests(PrecisionFactory factory) : IClassFixture<PrecisionFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ReadinessTurnsDegradedWhenRealizedPrecisionFallsBelowTheFloor()
    {
        using var checks = new MetricCollector<long>(
            factory.Services.GetRequiredService<IMeterFactory>(), FraudTelemetry.Name, FraudTelemetry.Metrics.PrecisionChecks);
        Assert.Equal("Healthy", await ModelCheckStatusAsync());

        // Three declines that all turn out to be legitimate: precision 0 over 3 labels.
        var labels = new List<object>();
        for (var i = 0; i < 3; i++)
        {
            var customer = TestTransactions.NewCustomerId();
            await _client.ScoreOkAsync(TestTransactions.Typical(customer, TestTransactions.Night().AddHours(-2)));
            var declined = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night()));
            Assert.Equal(Decision.Decline, declined.Decision);
            labels.Add(new { transactionId = declined.TransactionId, isFraud = false });
        }

        using var response = await _client.PostAsJsonAsync("/api/fraud/labels/batch", new { labels }, HttpExtensions.Json);
        response.EnsureSuccessStatusCode();
        var report = await _client.GetFromJsonAsync<MonitoringReport>("/api/fraud/monitoring", HttpExtensions.Json);
        Assert.Equal(0, report!.Labels.Precision);

        using var health = JsonDocument.Parse(await _client.GetStringAsync("/health"));
        Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
        Assert.Contains("precision 0.000", health.RootElement.GetProperty("checks").GetProperty(ModelHealthCheck.Name).GetProperty("description").GetString(), StringComparison.Ordinal);

        // The model-quality SLI (slo/fraud.yaml): the periodic refresh counts a missed precision check. No check was
        // counted before the window held MinLabelsForHealth labels.
        await checks.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));
        var check = checks.GetMeasurementSnapshot()[0];
        Assert.Equal("missed", check.Tags[FraudTelemetry.Attributes.PrecisionResult]);
        Assert.Equal(report.ModelVersion, check.Tags[FraudTelemetry.Attributes.ModelVersion]);
    }

    private async Task<string?> ModelCheckStatusAsync()
    {
        // The model check, not the overall status: the slo check may be Degraded by how fast this busy machine scored.
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/health"));
        return doc.RootElement.GetProperty("checks").GetProperty(ModelHealthCheck.Name).GetProperty("status").GetString();
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Monitoring;

/// <summary>
/// Simulated traffic through the real HTTP API and the real cache: the same distribution keeps PSI low and readiness
/// Healthy; drifted traffic pushes PSI past the act threshold and readiness to Degraded with the reason.
/// </summary>
public sealed class DriftMonitoringTests(DriftFactory factory) : IClassFixture<DriftFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SameDistributionStaysStableAndDriftedTrafficDegradesReadiness()
    {
        var monitoring = await GetAsync();
        Assert.Equal(DriftStatus.InsufficientData, monitoring.Drift.Status);

        // 300 customers, so that each has history by the time the window fills (as in the reference).
        var simulator = new TransactionSimulator(seed: 77, customers: 300);
        // Anchored to today's midnight (UTC): the simulator spreads transactions from this start, and the model scores
        // the hour of day, so an anchor that moves with the clock made the baseline's score PSI depend on when the
        // test ran (0.115, "Watch", at 07:05 UTC).
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        await SendAsync(simulator.Generate(2_400, now.AddDays(-20), TimeSpan.FromDays(14)));

        monitoring = await GetAsync();
        Assert.Equal(DriftFactory.WindowSize, monitoring.Drift.Count);
        Assert.True(monitoring.Drift.Status == DriftStatus.Stable, "baseline: " + Describe(monitoring.Drift));
        Assert.Equal("Healthy", await ModelCheckStatusAsync());

        await SendAsync(simulator.Generate(DriftFactory.WindowSize, now.AddDays(-6), TimeSpan.FromDays(5), TrafficProfile.Drifted));

        monitoring = await GetAsync();
        Assert.True(monitoring.Drift.Status == DriftStatus.Act, "after drift: " + Describe(monitoring.Drift));
        Assert.True(monitoring.Drift.MaxPsi >= 0.2);
        using var health = JsonDocument.Parse(await _client.GetStringAsync("/health"));
        Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
        var check = health.RootElement.GetProperty("checks").GetProperty(ModelHealthCheck.Name);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains($"PSI of {monitoring.Drift.MaxPsiFeature}", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private async Task SendAsync(IEnumerable<SimulatedTransaction> traffic)
    {
        foreach (var t in traffic)
        {
            var x = t.Transaction;
            await _client.ScoreOkAsync(new
            {
                transactionId = x.TransactionId, amount = x.Amount, currency = x.Currency, merchantCategory = x.MerchantCategory,
                country = x.Country, cardPresent = x.CardPresent, timestamp = x.Timestamp, customerId = x.CustomerId,
            });
        }
    }

    private async Task<MonitoringReport> GetAsync() =>
        (await _client.GetFromJsonAsync<MonitoringReport>("/api/fraud/monitoring", HttpExtensions.Json))!;

    private async Task<string?> ModelCheckStatusAsync()
    {
        // The model check, not the overall status: the slo check may be Degraded by how fast this busy machine scored.
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/health"));
        return doc.RootElement.GetProperty("checks").GetProperty(ModelHealthCheck.Name).GetProperty("status").GetString();
    }

    private static string Describe(DriftMonitoring drift) =>
        $"{drift.Status}: " + string.Join(", ", (drift.Psi ?? new Dictionary<string, double>()).Select(p => $"{p.Key}={p.Value:F3}"));
}

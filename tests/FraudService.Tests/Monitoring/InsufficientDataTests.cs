using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Monitoring;

/// <summary>
/// Below <c>MinScoredForDrift</c> the drift verdict is <c>insufficient_data</c>, and no PSI is shown beside it: a few
/// transactions give large values that would read as drift.
/// </summary>
public sealed class InsufficientDataTests(DriftFactory factory) : IClassFixture<DriftFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PsiIsNullWhileTooFewTransactionsAreScored()
    {
        var simulator = new TransactionSimulator(seed: 5, customers: 50);
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var t in simulator.Generate(40, now.AddDays(-2), TimeSpan.FromDays(1), TrafficProfile.Drifted))
        {
            var x = t.Transaction;
            await _client.ScoreOkAsync(new
            {
                transactionId = x.TransactionId, amount = x.Amount, currency = x.Currency, merchantCategory = x.MerchantCategory,
                country = x.Country, cardPresent = x.CardPresent, timestamp = x.Timestamp, customerId = x.CustomerId,
            });
        }

        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/fraud/monitoring"));
        var drift = doc.RootElement.GetProperty("drift");

        Assert.Equal("insufficient_data", drift.GetProperty("status").GetString());
        Assert.Equal(40, drift.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, drift.GetProperty("psi").ValueKind);
        Assert.Equal(JsonValueKind.Null, drift.GetProperty("maxPsi").ValueKind);
    }
}

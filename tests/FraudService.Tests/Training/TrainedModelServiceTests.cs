using System.Net.Http.Json;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Training;

public sealed class TrainedModelServiceTests(TrainedModelFactory factory) : IClassFixture<TrainedModelFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ServiceLoadsTheTrainedModelAndReportsItsVersionEverywhere()
    {
        var customer = TestTransactions.NewCustomerId();
        var typical = await _client.ScoreOkAsync(TestTransactions.Typical(customer));
        var suspicious = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night()));

        Assert.Equal("fasttree-v1", typical.ModelVersion);
        Assert.Equal(Decision.Approve, typical.Decision);
        Assert.Equal(Decision.Decline, suspicious.Decision);
        Assert.NotEmpty(suspicious.Reasons);

        var monitoring = await _client.GetFromJsonAsync<MonitoringReport>("/api/fraud/monitoring", HttpExtensions.Json);
        Assert.Equal("fasttree-v1", monitoring!.ModelVersion);
        Assert.Equal(40_000, monitoring.Drift.ReferenceSampleSize); // the model card's held-out sample, not a simulation
    }
}

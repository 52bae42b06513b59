using System.Net;
using System.Net.Http.Json;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Simulation;

public sealed class SimulatedTrafficTests(SimulationFactory factory) : IClassFixture<SimulationFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<SimulationStatus> PostAsync(string path)
    {
        using var response = await _client.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SimulationStatus>(HttpExtensions.Json))!;
    }

    private async Task<SimulationStatus> WaitForAsync(Func<SimulationStatus, bool> condition)
    {
        // A behavioural bound with a generous margin: at 100 events/s the first labels arrive within a second.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = (await _client.GetFromJsonAsync<SimulationStatus>("/api/fraud/simulation", HttpExtensions.Json, timeout.Token))!;
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task GeneratorScoresAndLabelsUntilStoppedAndSwitchesProfile()
    {
        Assert.False((await _client.GetFromJsonAsync<SimulationStatus>("/api/fraud/simulation", HttpExtensions.Json))!.Running);

        var started = await PostAsync("/api/fraud/simulation/start");
        Assert.True(started.Running);
        Assert.Equal(TrafficProfile.Baseline, started.Profile);
        await WaitForAsync(s => s.Scored >= 50 && s.Labelled >= 10);

        var monitoring = await _client.GetFromJsonAsync<MonitoringReport>("/api/fraud/monitoring", HttpExtensions.Json);
        Assert.True(monitoring!.Labels.Count >= 10);
        Assert.True(monitoring.Drift.Count >= 50);

        var drifted = await PostAsync("/api/fraud/simulation/start?profile=drifted");
        Assert.Equal(TrafficProfile.Drifted, drifted.Profile);

        var stopped = await PostAsync("/api/fraud/simulation/stop");
        Assert.False(stopped.Running);
    }

    [Fact]
    public async Task UnknownProfileIsBadRequestProblem()
    {
        using var response = await _client.PostAsync("/api/fraud/simulation/start?profile=chaos", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("drifted", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

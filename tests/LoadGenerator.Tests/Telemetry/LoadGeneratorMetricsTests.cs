using System.Diagnostics.Metrics;
using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scheduling;
using LlmReference.LoadGenerator.Telemetry;
using LlmReference.LoadGenerator.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LlmReference.LoadGenerator.Tests.Telemetry;

/// <summary>The generator's progress is visible as metrics (what a dashboard shows while it runs).</summary>
public sealed class LoadGeneratorMetricsTests
{
    [Fact]
    public async Task EachRequestIsCountedByScenarioAndOutcomeWithItsLatency()
    {
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<LoadGeneratorMetrics>().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meterFactory, LoadGeneratorMetrics.MeterName, "loadgen.requests");
        using var latency = new MetricCollector<double>(meterFactory, LoadGeneratorMetrics.MeterName, "loadgen.request.latency");
        var executor = new RequestExecutor(new RecordingScenario(TimeProvider.System), 1, TimeProvider.System, new LoadStatistics(), services.GetRequiredService<LoadGeneratorMetrics>());
        executor.Start();

        await executor.ExecuteAsync(new ScheduledRequest(0, TimeSpan.Zero), CancellationToken.None);
        executor.RecordNotSent(new ScheduledRequest(1, TimeSpan.Zero));

        Assert.Collection(
            requests.GetMeasurementSnapshot(),
            ok => Assert.Equal(("recording", "success"), ((string)ok.Tags["scenario"]!, (string)ok.Tags["outcome"]!)),
            notSent => Assert.Equal("not_sent", notSent.Tags["outcome"]));
        Assert.Single(latency.GetMeasurementSnapshot());
    }
}

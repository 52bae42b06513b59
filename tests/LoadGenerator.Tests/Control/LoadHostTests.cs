using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.LoadGenerator.Control;
using LlmReference.LoadGenerator.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace LlmReference.LoadGenerator.Tests.Control;

/// <summary>
/// Serve mode's wiring: the clients carry none of ServiceDefaults' retries, the meter is exported, and options
/// (discovered targets included) are checked before the host starts.
/// </summary>
public sealed class LoadHostTests
{
    [Fact]
    public async Task A500FromTheTargetIsCountedAsAnErrorAndNotRetried()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Fail);
        await using var host = await ControlHost.StartAsync(target);

        using var started = await host.Client.PostAsync("load/steady?rate=5&duration=1s&scenario=fraud-score", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var ended = await host.WaitForAsync(s => !s.GetProperty("running").GetBoolean(), "the run ending");

        // Five requests, five 500s counted, and the target saw exactly five: ServiceDefaults' standard handler would
        // have retried each one three times (and the report would have shown fewer, later errors).
        var total = ended.GetProperty("lastReport").GetProperty("total");
        Assert.Equal(5, total.GetProperty("sent").GetInt64());
        Assert.Equal(5, total.GetProperty("errorsByStatus").GetProperty("500").GetInt64());
        Assert.Equal(0, total.GetProperty("completed").GetInt64());
        Assert.Equal(5, target.Arrivals);
    }

    [Fact]
    public async Task TheLoadGeneratorMeterIsExported()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target);

        using var started = await host.Client.PostAsync("load/steady?rate=5&duration=1s&scenario=fraud-score", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await host.WaitForAsync(s => !s.GetProperty("running").GetBoolean(), "the run ending");

        // ServiceDefaults exports the meter named after the application; /metrics shows what OTLP sends the dashboard.
        var metrics = await host.Client.GetStringAsync("metrics");
        Assert.Contains("loadgen_requests_total{", metrics);
        Assert.Contains("scenario=\"fraud-score\"", metrics);
        Assert.Contains("loadgen_request_latency_seconds_bucket{", metrics);
    }

    [Fact]
    public async Task HealthIsServed()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target);

        using var health = await host.Client.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ADiscoveredTargetThatIsNotLoopbackFailsStart()
    {
        var app = LoadHost.Build(["--urls=http://127.0.0.1:0", "--services:chatapi:http:0=http://chat.example.com", "--services:fraud:http:0=http://127.0.0.1:1"]);
        await using (app)
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("services__chatapi__http__0", failure.Message);
            Assert.Contains("not loopback", failure.Message);
        }
    }

    [Fact]
    public async Task ARemoteTargetStartsWhenExplicitlyAllowed()
    {
        var app = LoadHost.Build(["--urls=http://127.0.0.1:0", "--services:chatapi:http:0=http://chat.example.com", "--services:fraud:http:0=http://127.0.0.1:1", "--LoadHost:AllowRemote=true"]);
        await using (app)
        {
            await app.StartAsync();
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task MissingTargetsFailStartNamingTheReference()
    {
        var app = LoadHost.Build(["--urls=http://127.0.0.1:0"]);
        await using (app)
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("No chatapi endpoint", failure.Message);
            Assert.Contains("No fraud endpoint", failure.Message);
        }
    }

    [Fact]
    public async Task AnOutOfRangeSettingFailsStartNamingIt()
    {
        var app = LoadHost.Build(["--urls=http://127.0.0.1:0", "--services:chatapi:http:0=http://127.0.0.1:1", "--services:fraud:http:0=http://127.0.0.1:1", "--LoadHost:SpikeFactor=50"]);
        await using (app)
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("SpikeFactor", failure.Message);
        }
    }
}

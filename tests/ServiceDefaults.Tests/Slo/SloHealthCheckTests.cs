using LlmReference.ServiceDefaults.Slo;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.ServiceDefaults.Tests.Slo;

/// <summary>The <c>slo</c> readiness check and the fast-burn transition logs.</summary>
public sealed class SloHealthCheckTests
{
    [Fact]
    public async Task FastBurnIsDegradedNamingTheSloAndRecoveryIsHealthy()
    {
        using var f = new MonitorFixture(TestSlos.Availability(), TestSlos.Latency());
        var check = new SloHealthCheck(f.Monitor);

        var quiet = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, quiet.Status);
        Assert.Contains("2 with fewer than 10 events", quiet.Description);

        f.Add("model_error", 20);
        var burning = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, burning.Status);
        Assert.Equal(
            "svc-availability is burning its error budget fast (100x over 5m, 100x over 1h; page threshold 14.4x).",
            burning.Description);
        Assert.Equal("100x over 5m, 100x over 1h", burning.Data["svc-availability"]);

        // The short window recovers first: no longer a fast burn, though the hour is still bad.
        f.Time.Advance(TimeSpan.FromMinutes(6));
        f.Add("success", 20);
        var recovered = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
    }

    [Fact]
    public async Task TransitionsAreLoggedOnceEach()
    {
        using var f = new MonitorFixture(TestSlos.Availability());
        var check = new SloHealthCheck(f.Monitor);

        f.Add("model_error", 20);
        for (var i = 0; i < 3; i++)
        {
            await check.CheckHealthAsync(new HealthCheckContext());
            f.Monitor.Evaluate();
        }

        Assert.Equal(["SloFastBurnStarted"], f.LoggedEvents());
        var started = f.Logger.LatestRecord;
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, started.Level);
        Assert.Contains("svc-availability", started.Message);
        Assert.Contains("SvcAvailabilityBudgetBurn", started.Message);

        f.Time.Advance(TimeSpan.FromMinutes(6));
        f.Add("success", 20);
        await check.CheckHealthAsync(new HealthCheckContext());
        await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(["SloFastBurnStarted", "SloFastBurnStopped"], f.LoggedEvents());
    }
}

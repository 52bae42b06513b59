using System.Net;
using System.Text.Json;
using LlmReference.ServiceDefaults.Slo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;

namespace LlmReference.ServiceDefaults.Tests.Slo;

/// <summary><c>GET /slo</c>, the <c>slo</c> readiness check and the SLO metrics, wired by AddServiceDefaults.</summary>
public sealed class SloEndpointTests
{
    [Fact]
    public async Task SloListsEachSloWithWindowsBudgetAndStatus()
    {
        await using var host = SloHost.Create(TestSlos.Service, TestSlos.Availability() + TestSlos.Latency());
        await host.App.StartAsync();
        var requests = host.Requests();
        for (var i = 0; i < 18; i++)
        {
            requests.Add(1, new KeyValuePair<string, object?>("outcome", "success"));
        }

        requests.Add(2, new KeyValuePair<string, object?>("outcome", "model_error"));

        using var response = await host.Client.GetAsync(Microsoft.Extensions.Hosting.Extensions.SloEndpointPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("svc", report.GetProperty("service").GetString());
        Assert.Equal(14.4, report.GetProperty("fastBurnThreshold").GetDouble());
        Assert.Equal(10, report.GetProperty("minimumEvents").GetInt32());
        var slos = report.GetProperty("slos").EnumerateArray().ToList();
        Assert.Equal(["svc-availability", "svc-latency"], slos.Select(s => s.GetProperty("name").GetString()));

        var availability = slos[0];
        Assert.Equal("svc-availability", availability.GetProperty("displayName").GetString());
        Assert.Equal("svc", availability.GetProperty("service").GetString());
        Assert.Equal(0.99, availability.GetProperty("objective").GetDouble());
        Assert.Equal(0.01, availability.GetProperty("errorBudget").GetDouble());
        Assert.Equal("ok", availability.GetProperty("status").GetString());
        var windows = availability.GetProperty("windows");
        Assert.Equal(["5m", "1h"], windows.EnumerateObject().Select(w => w.Name));
        var shortWindow = windows.GetProperty("5m");
        Assert.Equal(18, shortWindow.GetProperty("good").GetDouble());
        Assert.Equal(20, shortWindow.GetProperty("total").GetDouble());
        Assert.Equal(0.1, shortWindow.GetProperty("errorRatio").GetDouble(), 12);
        Assert.Equal(10, shortWindow.GetProperty("burnRate").GetDouble(), 9);
        var sinceStart = availability.GetProperty("sinceStart");
        Assert.Equal(20, sinceStart.GetProperty("total").GetDouble());
        Assert.Equal(-9, sinceStart.GetProperty("errorBudgetRemaining").GetDouble(), 9);

        var latency = slos[1];
        Assert.Equal("insufficient_data", latency.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, latency.GetProperty("windows").GetProperty("5m").GetProperty("burnRate").ValueKind);
    }

    [Fact]
    public async Task FastBurnMakesReadinessDegradedButStill200()
    {
        await using var host = SloHost.Create(TestSlos.Service, TestSlos.Availability());
        await host.App.StartAsync();
        host.Requests().Add(20, new KeyValuePair<string, object?>("outcome", "model_error"));

        using var response = await host.Client.GetAsync(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var slo = health.GetProperty("checks").GetProperty("slo");
        Assert.Equal("Degraded", slo.GetProperty("status").GetString());
        Assert.StartsWith("svc-availability is burning its error budget fast", slo.GetProperty("description").GetString());

        // Liveness does not care: a burning service must not be restarted for it.
        using var alive = await host.Client.GetAsync(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BurnRateAndBudgetAreEmittedAsMetrics()
    {
        await using var host = SloHost.Create(TestSlos.Service, TestSlos.Availability());
        await host.App.StartAsync();
        var meterFactory = host.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var burnRate = new MetricCollector<double>(meterFactory, SloTelemetry.MeterName, SloTelemetry.BurnRate);
        using var remaining = new MetricCollector<double>(meterFactory, SloTelemetry.MeterName, SloTelemetry.ErrorBudgetRemaining);
        var requests = host.Requests();
        requests.Add(95, new KeyValuePair<string, object?>("outcome", "success"));
        requests.Add(5, new KeyValuePair<string, object?>("outcome", "model_error"));

        burnRate.RecordObservableInstruments();
        remaining.RecordObservableInstruments();

        var rates = burnRate.GetMeasurementSnapshot();
        Assert.Equal(["1h", "5m"], rates.Select(m => (string)m.Tags[SloTelemetry.Tags.Window]!).Order());
        Assert.All(rates, m => Assert.Equal("svc-availability", m.Tags[SloTelemetry.Tags.Slo]));
        Assert.All(rates, m => Assert.Equal(5, m.Value, 9));
        var budget = Assert.Single(remaining.GetMeasurementSnapshot());
        Assert.Equal(-4, budget.Value, 9);
        Assert.Equal("svc-availability", budget.Tags[SloTelemetry.Tags.Slo]);

        // And under these names in the Prometheus scrape (unit "1" adds no suffix).
        var scrape = await host.Client.GetStringAsync(Microsoft.Extensions.Hosting.Extensions.MetricsEndpointPath);
        Assert.Contains("slo_burn_rate{otel_scope_name=\"LlmReference.Slo\",slo=\"svc-availability\",window=\"5m\"} 5", scrape);
        Assert.Contains("slo_error_budget_remaining{otel_scope_name=\"LlmReference.Slo\",slo=\"svc-availability\"} -4", scrape);
    }

    [Fact]
    public async Task WithoutSloServiceNothingIsAdded()
    {
        await using var host = SloHost.Create(service: null, yaml: null);
        await host.App.StartAsync();

        using var slo = await host.Client.GetAsync(Microsoft.Extensions.Hosting.Extensions.SloEndpointPath);
        var health = JsonDocument.Parse(await host.Client.GetStringAsync(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, slo.StatusCode);
        Assert.False(health.GetProperty("checks").TryGetProperty("slo", out _));
        Assert.Null(host.App.Services.GetService<SloMonitor>());
    }

    [Fact]
    public async Task MissingSpecFolderFailsStartNamingIt()
    {
        await using var host = SloHost.Create(TestSlos.Service, TestSlos.Availability(), new Dictionary<string, string?>
        {
            ["Slo:SpecDirectory"] = "/no/such/slo/folder",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.App.StartAsync());

        Assert.Contains("'/no/such/slo/folder' (Slo:SpecDirectory) does not exist", error.Message);
    }

    [Fact]
    public async Task ServiceWithoutSlosFailsStart()
    {
        await using var host = SloHost.Create("other", TestSlos.Availability());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.App.StartAsync());

        Assert.Contains("no SLO in", error.Message);
        Assert.Contains("has spec.service 'other'", error.Message);
    }

    [Fact]
    public async Task SelectorThatIsNotAnEventCountFailsStart()
    {
        await using var host = SloHost.Create(TestSlos.Service, TestSlos.Yaml("svc-sum", 0.99, "svc_duration_seconds_sum", "svc_duration_seconds_count"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.App.StartAsync());

        Assert.Contains("SLO 'svc-sum'", error.Message);
        Assert.Contains("does not count events", error.Message);
    }

    [Fact]
    public async Task WindowsAreValidated()
    {
        await using var host = SloHost.Create(TestSlos.Service, TestSlos.Availability(), new Dictionary<string, string?>
        {
            ["Slo:ShortWindow"] = "01:00:00",
            ["Slo:LongWindow"] = "00:05:00",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.App.StartAsync());

        Assert.Contains("Slo:ShortWindow (01:00:00) must be shorter than Slo:LongWindow (00:05:00)", error.Message);
    }
}

using System.Net;
using System.Text.Json;
using LlmReference.ServiceDefaults.Cache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Polly.CircuitBreaker;

namespace LlmReference.ServiceDefaults.Tests.Cache;

/// <summary>
/// The cache breaker on <c>RequireCache()</c> endpoints: cache failures (reported or thrown) open it, an open breaker
/// refuses with 503 problem details and <c>Retry-After</c> without running the handler, and after the break one probe
/// decides whether it closes. Defaults: 3 requests, half failing, open it for 2 s.
/// </summary>
public sealed class CacheCircuitBreakerTests : IAsyncLifetime
{
    private CacheHost _host = null!;

    public async Task InitializeAsync() => _host = await CacheHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private CacheCircuitBreaker Breaker => _host.Services.GetRequiredService<CacheCircuitBreaker>();

    [Fact]
    public async Task ReportedFailuresOpenTheBreakerAndItRefusesWithoutRunningTheHandler()
    {
        _host.Behaviour = HandlerBehaviour.ReportConnectionFailure;
        for (var i = 0; i < 3; i++)
        {
            using var failed = await _host.Client.GetAsync(CacheHost.CachePath);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            // The handler's own 503 carries the breaker's Retry-After too.
            Assert.Equal(TimeSpan.FromSeconds(2), failed.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(CircuitState.Open, Breaker.State);
        var runs = _host.HandlerRuns;
        _host.Behaviour = HandlerBehaviour.Succeed;

        using var refused = await _host.Client.GetAsync(CacheHost.CachePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(runs, _host.HandlerRuns);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Cache unavailable", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("nothing was stored", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrownTimeoutsOpenTheBreaker()
    {
        _host.Behaviour = HandlerBehaviour.ThrowTimeout;
        for (var i = 0; i < 3; i++)
        {
            using var failed = await _host.Client.GetAsync(CacheHost.CachePath);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        Assert.Equal(CircuitState.Open, Breaker.State);
    }

    [Fact]
    public async Task ServerErrorsAreAnswersNotOutages()
    {
        _host.Behaviour = HandlerBehaviour.ThrowServerError;
        for (var i = 0; i < 6; i++)
        {
            using var failed = await _host.Client.GetAsync(CacheHost.CachePath);
        }

        Assert.Equal(CircuitState.Closed, Breaker.State);
        Assert.Equal(6, _host.HandlerRuns);
    }

    [Fact]
    public async Task AfterTheBreakOneSuccessfulProbeClosesTheBreaker()
    {
        await OpenAsync();
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        _host.Behaviour = HandlerBehaviour.Succeed;

        using var probe = await _host.Client.GetAsync(CacheHost.CachePath);
        using var next = await _host.Client.GetAsync(CacheHost.CachePath);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(CircuitState.Closed, Breaker.State);
    }

    [Fact]
    public async Task AFailedProbeOpensTheBreakerAgain()
    {
        await OpenAsync();
        _host.Clock.Advance(TimeSpan.FromSeconds(2));

        using var probe = await _host.Client.GetAsync(CacheHost.CachePath);
        var runs = _host.HandlerRuns;
        using var refused = await _host.Client.GetAsync(CacheHost.CachePath);

        Assert.Equal(CircuitState.Open, Breaker.State);
        Assert.Equal(runs, _host.HandlerRuns);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
    }

    [Fact]
    public async Task EndpointsThatDoNotRequireTheCacheAreNotRefused()
    {
        await OpenAsync();

        using var response = await _host.Client.GetAsync(CacheHost.PlainPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StateAndRefusalsAreMeasured()
    {
        using var state = new MetricCollector<int>(_host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CacheTelemetry.MeterName, CacheTelemetry.CircuitState);
        using var rejections = new MetricCollector<long>(_host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CacheTelemetry.MeterName, CacheTelemetry.CircuitRejections);
        using var transitions = new MetricCollector<long>(_host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CacheTelemetry.MeterName, CacheTelemetry.CircuitTransitions);

        await OpenAsync();
        using var refused = await _host.Client.GetAsync(CacheHost.CachePath);
        state.RecordObservableInstruments();

        Assert.Equal(1, rejections.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Contains(transitions.GetMeasurementSnapshot(), m => Equals(m.Tags[CacheTelemetry.Tags.State], CacheTelemetry.States.Open));
        var current = state.GetMeasurementSnapshot().Where(m => m.Value == 1).Select(m => m.Tags[CacheTelemetry.Tags.State]).ToList();
        Assert.Equal([CacheTelemetry.States.Open], current);
    }

    private async Task OpenAsync()
    {
        _host.Behaviour = HandlerBehaviour.ReportConnectionFailure;
        for (var i = 0; i < 3; i++)
        {
            using var failed = await _host.Client.GetAsync(CacheHost.CachePath);
        }

        Assert.Equal(CircuitState.Open, Breaker.State);
    }
}

using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace LlmReference.ServiceDefaults.Cache;

/// <summary>The cache breaker's instruments (names in <see cref="CacheTelemetry"/>).</summary>
internal sealed class CacheMetrics
{
    private static readonly (CircuitState State, string Name)[] States =
    [
        (CircuitState.Closed, CacheTelemetry.States.Closed),
        (CircuitState.Open, CacheTelemetry.States.Open),
        (CircuitState.HalfOpen, CacheTelemetry.States.HalfOpen),
    ];

    private readonly Counter<long> _transitions;
    private readonly Counter<long> _rejections;

    public CacheMetrics(IMeterFactory meterFactory, Func<CircuitState> currentState)
    {
        var meter = meterFactory.Create(CacheTelemetry.MeterName);
        meter.CreateObservableGauge(
            CacheTelemetry.CircuitState,
            () => Observe(currentState()),
            unit: "{state}",
            description: "The cache circuit breaker's state: 1 for the current state, 0 for the others.");
        _transitions = meter.CreateCounter<long>(
            CacheTelemetry.CircuitTransitions, unit: "{transition}", description: "Cache circuit breaker state changes, by the state entered.");
        _rejections = meter.CreateCounter<long>(
            CacheTelemetry.CircuitRejections, unit: "{request}", description: "Requests refused with 503 while the cache circuit was open.");
    }

    public void RecordTransition(CircuitState state) =>
        _transitions.Add(1, new KeyValuePair<string, object?>(CacheTelemetry.Tags.State, NameOf(state)));

    public void RecordRejection() => _rejections.Add(1);

    private static IEnumerable<Measurement<int>> Observe(CircuitState current)
    {
        // An isolated breaker (manual) refuses like an open one.
        var effective = current == CircuitState.Isolated ? CircuitState.Open : current;
        return States.Select(s => new Measurement<int>(s.State == effective ? 1 : 0, new KeyValuePair<string, object?>(CacheTelemetry.Tags.State, s.Name)));
    }

    private static string NameOf(CircuitState state) => state switch
    {
        CircuitState.Closed => CacheTelemetry.States.Closed,
        CircuitState.HalfOpen => CacheTelemetry.States.HalfOpen,
        _ => CacheTelemetry.States.Open,
    };
}

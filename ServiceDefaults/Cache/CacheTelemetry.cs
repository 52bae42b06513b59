namespace LlmReference.ServiceDefaults.Cache;

/// <summary>
/// Names of the cache breaker's metrics, on one meter shared by every service that uses the cache. Exported to
/// Prometheus as <c>cache_circuit_state{cache_circuit_state}</c>, <c>cache_circuit_transitions_total</c> and
/// <c>cache_circuit_rejections_total</c>.
/// </summary>
public static class CacheTelemetry
{
    /// <summary>The meter ServiceDefaults subscribes to (ConfigureOpenTelemetry).</summary>
    public const string MeterName = "LlmReference.Cache";

    /// <summary>
    /// Gauge, one series per state (<see cref="Tags.State"/>): 1 for the breaker's current state, 0 for the others
    /// (a state set), so <c>cache_circuit_state{cache_circuit_state="open"} == 1</c> is an alert expression.
    /// </summary>
    public const string CircuitState = "cache.circuit.state";

    /// <summary>Counter of breaker state changes, tagged with the state entered (<see cref="Tags.State"/>).</summary>
    public const string CircuitTransitions = "cache.circuit.transitions";

    /// <summary>Counter of requests refused with 503 while the breaker was open, without calling the cache.</summary>
    public const string CircuitRejections = "cache.circuit.rejections";

    public static class Tags
    {
        /// <summary><c>closed</c>, <c>open</c> or <c>half_open</c>.</summary>
        public const string State = "cache.circuit.state";
    }

    public static class States
    {
        public const string Closed = "closed";
        public const string Open = "open";
        public const string HalfOpen = "half_open";
    }
}

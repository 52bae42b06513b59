using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmReference.LoadGenerator.Scenarios;

namespace LlmReference.LoadGenerator.Telemetry;

/// <summary>
/// The generator's own metrics (Meter <c>LoadGenerator</c>), so a dashboard shows the offered load beside the
/// services' response to it: requests by scenario and outcome, latency from the intended send time, and in flight.
/// </summary>
public sealed class LoadGeneratorMetrics
{
    public const string MeterName = "LoadGenerator";

    // Bucket bounds covering the services' SLO thresholds (50 ms fraud, seconds for chat) up to the request timeout.
    private static readonly IReadOnlyList<double> LatencyBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 10, 15, 20, 30, 60];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _latency;
    private readonly UpDownCounter<long> _inFlight;

    public LoadGeneratorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("loadgen.requests", "{request}", "Requests by scenario and outcome (not_sent: due but never sent).");
        _latency = meter.CreateHistogram(
            "loadgen.request.latency",
            "s",
            "Latency from each request's intended send time, queueing included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _inFlight = meter.CreateUpDownCounter<long>("loadgen.requests.in_flight", "{request}", "Requests sent and not yet answered.");
    }

    public void Sending() => _inFlight.Add(1);

    public void Completed(RequestOutcome outcome, TimeSpan latency)
    {
        _inFlight.Add(-1);
        var tags = Tags(outcome.Scenario, outcome.Kind);
        _requests.Add(1, tags);
        _latency.Record(latency.TotalSeconds, tags);
    }

    public void NotSent(string scenario) => _requests.Add(1, Tags(scenario, OutcomeKind.NotSent));

    private static TagList Tags(string scenario, OutcomeKind kind) => new()
    {
        { "scenario", scenario },
        { "outcome", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()) },
    };
}

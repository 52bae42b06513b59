namespace LlmReference.LoadGenerator.Reporting;

/// <summary>One scenario's line of the report (JSON: camelCase, latencies in milliseconds).</summary>
/// <param name="Sent">Requests sent (each ended in success, an error, or was cancelled).</param>
/// <param name="Completed">Requests that succeeded (2xx; for streams, a <c>done</c> event).</param>
/// <param name="NotSent">Requests due but never sent because the in-flight bound stayed full.</param>
/// <param name="ErrorsByStatus">Answers by HTTP status, non-2xx only (e.g. <c>"503": 4</c>).</param>
/// <param name="ErrorsByType">Errors by <see cref="Scenarios.OutcomeKind"/> name (e.g. <c>"timeout": 2</c>).</param>
/// <param name="AchievedRate">Requests sent per second of the run.</param>
/// <param name="Latency">From each request's intended send time (queueing included).</param>
/// <param name="ServiceTime">From each request's actual send time (what a closed-loop tool would report).</param>
/// <param name="TimeToFirstChunk">Streams only: intended send time to the first delta.</param>
public sealed record ScenarioReport(
    string Scenario,
    long Sent,
    long Completed,
    long Errors,
    long NotSent,
    double SuccessRatio,
    double AchievedRate,
    IReadOnlyDictionary<string, long> ErrorsByStatus,
    IReadOnlyDictionary<string, long> ErrorsByType,
    LatencySummary Latency,
    LatencySummary ServiceTime,
    LatencySummary? TimeToFirstChunk);

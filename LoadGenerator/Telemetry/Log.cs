using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator.Telemetry;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "LoadStarting", Level = LogLevel.Information,
        Message = "Load starting: scenario {Scenario}, {Model} model, {Schedule}, chat {ChatTarget}, fraud {FraudTarget}")]
    public static partial void LoadStarting(ILogger logger, string scenario, string model, string schedule, Uri chatTarget, Uri fraudTarget);

    [LoggerMessage(EventId = 2, EventName = "LoadProgress", Level = LogLevel.Information,
        Message = "{Elapsed:0}s: {Sent} sent, {Succeeded} ok, {Errors} errors, {InFlight} in flight, p99 {P99Ms} ms")]
    public static partial void LoadProgress(ILogger logger, double elapsed, long sent, long succeeded, long errors, int inFlight, double p99Ms);

    [LoggerMessage(EventId = 3, EventName = "LoadFinished", Level = LogLevel.Information,
        Message = "Load finished after {Seconds:0.0}s: {Sent} sent, {Succeeded} ok, {Errors} errors, {NotSent} not sent, p50 {P50Ms} ms, p99 {P99Ms} ms")]
    public static partial void LoadFinished(ILogger logger, double seconds, long sent, long succeeded, long errors, long notSent, double p50Ms, double p99Ms);

    [LoggerMessage(EventId = 4, EventName = "InFlightBoundReached", Level = LogLevel.Warning,
        Message = "{MaxInFlight} requests in flight: the target is not keeping up; further requests wait for a slot and their wait counts as latency")]
    public static partial void InFlightBoundReached(ILogger logger, int maxInFlight);

    [LoggerMessage(EventId = 5, EventName = "RequestsNotSent", Level = LogLevel.Warning,
        Message = "{NotSent} requests were due but never sent: the in-flight bound stayed full until the send window closed")]
    public static partial void RequestsNotSent(ILogger logger, long notSent);

    [LoggerMessage(EventId = 6, EventName = "DrainTimedOut", Level = LogLevel.Warning,
        Message = "Requests still in flight {DrainTimeout} after the send window closed were cancelled")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan drainTimeout);
}

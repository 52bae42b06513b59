using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator.Control;

/// <summary>Serve mode's logs: what the dashboard's console and structured logs show while runs come and go.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 101, EventName = "LoadRunProgress", Level = LogLevel.Information,
        Message = "{Kind} load {Elapsed:0}s in: {Rate}/s asked, {Sent} sent, {Completed} ok, {Errors} errors, {InFlight} in flight, p99 {P99Ms} ms")]
    public static partial void Progress(ILogger logger, string kind, double elapsed, double rate, long sent, long completed, long errors, int inFlight, double p99Ms);

    [LoggerMessage(EventId = 102, EventName = "LoadRunScenarioSummary", Level = LogLevel.Information,
        Message = "{Kind} load ended, {Scenario}: {Sent} sent, {Completed} ok, {Errors} errors, {AchievedRate}/s, p50 {P50Ms} ms, p99 {P99Ms} ms, max {MaxMs} ms")]
    public static partial void ScenarioSummary(ILogger logger, string kind, string scenario, long sent, long completed, long errors, double achievedRate, double p50Ms, double p99Ms, double maxMs);

    [LoggerMessage(EventId = 103, EventName = "LoadRunStartRefused", Level = LogLevel.Warning,
        Message = "A {Kind} run was refused: a {RunningKind} run is already running")]
    public static partial void StartRefused(ILogger logger, string kind, string runningKind);

    [LoggerMessage(EventId = 104, EventName = "LoadRunSpiked", Level = LogLevel.Information,
        Message = "Spiking the steady run ({Steady}): now {Schedule}")]
    public static partial void SpikingSteadyRun(ILogger logger, string steady, string schedule);

    [LoggerMessage(EventId = 105, EventName = "LoadRunStopRequested", Level = LogLevel.Information,
        Message = "Stopping the {Kind} run after {Elapsed:0.0}s; requests in flight are cancelled and counted")]
    public static partial void StopRequested(ILogger logger, string kind, double elapsed);

    [LoggerMessage(EventId = 106, EventName = "LoadRunFailed", Level = LogLevel.Error,
        Message = "The {Kind} run failed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string kind);
}

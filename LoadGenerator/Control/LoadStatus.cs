using LlmReference.LoadGenerator.Reporting;

namespace LlmReference.LoadGenerator.Control;

/// <summary>
/// <c>GET /load</c>: the current (or, when nothing runs, the latest) run. Counts are "so far" while it runs and final
/// after; <see cref="LastReport"/> is the full per-scenario report of the latest run that ended.
/// </summary>
/// <param name="Kind"><c>steady</c> or <c>spike</c>; null before the first run.</param>
/// <param name="Rate">Requests/s the schedule asks for now (0 when not running).</param>
/// <param name="P50Ms">Latency from the intended send time, all scenarios together.</param>
public sealed record LoadStatus(
    bool Running,
    string? Kind,
    string? Scenario,
    string? Schedule,
    double Rate,
    double ElapsedSeconds,
    long Sent,
    long Completed,
    long Errors,
    int InFlight,
    double P50Ms,
    double P99Ms,
    LoadReport? LastReport)
{
    public static readonly LoadStatus Idle = new(false, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null);
}

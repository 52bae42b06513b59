namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>How requests arrive.</summary>
public enum LoadModel
{
    /// <summary>
    /// Arrivals on a timetable, independent of how fast the target answers: how real users behave, and the only model
    /// whose latency figures mean what an SLO means. The default.
    /// </summary>
    Open,

    /// <summary>
    /// N users each sending their next request when the previous one ends. A slow target slows the load down, so it
    /// understates latency under stress (coordinated omission); use it to find throughput at a fixed concurrency.
    /// </summary>
    Closed,
}

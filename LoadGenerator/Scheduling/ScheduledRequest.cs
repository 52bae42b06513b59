namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>
/// One request as the schedule wants it: its number in the run and its <em>intended</em> send time (offset from the
/// run's start). Latency is measured from <see cref="Intended"/>, not from when the generator managed to send it, so
/// time a request spent waiting behind a stalled target is counted, not omitted.
/// </summary>
public readonly record struct ScheduledRequest(long Sequence, TimeSpan Intended);

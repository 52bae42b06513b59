namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>
/// One step of an open-model schedule: <paramref name="RequestsPerSecond"/> arrivals per second for
/// <paramref name="Duration"/>. A constant rate is a schedule of one step; a spike is three.
/// </summary>
public sealed record RateStep(double RequestsPerSecond, TimeSpan Duration);

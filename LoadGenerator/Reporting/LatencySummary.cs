namespace LlmReference.LoadGenerator.Reporting;

/// <summary>Percentiles of one latency distribution, in milliseconds (the report's JSON shape).</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0);
}

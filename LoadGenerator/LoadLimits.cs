namespace LlmReference.LoadGenerator;

/// <summary>
/// Hard bounds that no option can lift: every run stops by itself and cannot grow without limit, whoever starts it
/// (a person, a test or, later, a dashboard command).
/// </summary>
public static class LoadLimits
{
    /// <summary>Longest run: one hour. Soak tests longer than that belong to a scheduled job, not an ad-hoc run.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Duration when neither a duration nor a count is given.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    /// <summary>Most requests in one run.</summary>
    public const long MaxCount = 1_000_000;

    /// <summary>Highest arrival rate: far beyond what an LLM-backed service on a laptop answers, low enough to stay a test tool.</summary>
    public const double MaxRequestsPerSecond = 2_000;

    /// <summary>Most concurrent users of the closed model.</summary>
    public const int MaxUsers = 1_000;

    /// <summary>Most requests in flight at once (the open model's memory bound when a target stalls).</summary>
    public const int MaxInFlight = 10_000;
}

using System.ComponentModel.DataAnnotations;

namespace LlmReference.ModelServer.Faults;

/// <summary>
/// Optional body of <c>POST /admin/faults/{mode}</c>. Every field has a default, so a body-less POST (what the dashboard
/// command sends) switches the mode on with sensible settings. Fields that do not apply to the mode are ignored.
/// </summary>
internal sealed record FaultParameters
{
    /// <summary>latency: milliseconds added before every /v1 response. Default 2000.</summary>
    [Range(0, 600_000)]
    public int? AddedMs { get; init; }

    /// <summary>errors: share of /v1 requests that fail, 0..1. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double? Rate { get; init; }

    /// <summary>errors: status of the failures, 500 or 503. Default 500.</summary>
    public int? StatusCode { get; init; }

    /// <summary>rate-limit: the Retry-After the 429s carry, in seconds. Default 10.</summary>
    [Range(1, 3600)]
    public int? RetryAfterSeconds { get; init; }

    /// <summary>rate-limit: how many requests to reject before the storm ends by itself. Default: until healed.</summary>
    [Range(1, 1_000_000)]
    public int? Requests { get; init; }

    /// <summary>slow-stream: tokens sent before the stream stalls. Default 5.</summary>
    [Range(0, 100_000)]
    public int? AfterTokens { get; init; }

    /// <summary>slow-stream: how long the stall lasts, in milliseconds. Default: until healed or the client gives up.</summary>
    [Range(1, 3_600_000)]
    public int? StallMs { get; init; }

    /// <summary>Any mode: switch itself off after this many seconds. Default: until healed.</summary>
    [Range(1, 86_400)]
    public int? DurationSeconds { get; init; }
}

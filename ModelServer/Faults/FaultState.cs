namespace LlmReference.ModelServer.Faults;

/// <summary>What <c>GET /admin/faults</c> returns: every mode's settings, null when it is off.</summary>
internal sealed record FaultState(
    string Deployment,
    IReadOnlyList<string> Active,
    LatencyFault? Latency,
    ErrorFault? Errors,
    OutageFault? Outage,
    RateLimitFault? RateLimit,
    SlowStreamFault? SlowStream);

internal sealed record LatencyFault(int AddedMs, DateTimeOffset? ExpiresAt);

internal sealed record ErrorFault(double Rate, int StatusCode, DateTimeOffset? ExpiresAt);

internal sealed record OutageFault(DateTimeOffset? ExpiresAt);

internal sealed record RateLimitFault(int RetryAfterSeconds, int? RemainingRequests, DateTimeOffset? ExpiresAt);

/// <summary><see cref="StallMs"/> null means the stall lasts until the fault is healed or the client disconnects.</summary>
internal sealed record SlowStreamFault(int AfterTokens, int? StallMs, DateTimeOffset? ExpiresAt);

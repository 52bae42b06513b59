namespace LlmReference.ModelServer.Faults;

/// <summary>The fault modes, as they appear in <c>POST /admin/faults/{mode}</c> and the <c>fault.mode</c> metric attribute.</summary>
internal static class FaultMode
{
    public const string Latency = "latency";
    public const string Errors = "errors";
    public const string Outage = "outage";
    public const string RateLimit = "rate-limit";
    public const string SlowStream = "slow-stream";

    public static readonly IReadOnlyList<string> All = [Latency, Errors, Outage, RateLimit, SlowStream];
}

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>
/// Issue 10's measuring conditions as configuration, one copy for both modes: the in-process hosts apply them as
/// settings, <c>--print-environment</c> prints them as the environment variables <c>scripts/perf.sh</c> gives the
/// AppHost (whose children inherit its environment). Model latency zero; quotas and budgets so high they never
/// refuse (their Redis work still happens, as in production); everything else, telemetry included, at its defaults.
/// </summary>
internal static class BenchmarkConditions
{
    private const string Large = "ModelServer__Models__bank-assist-large__";
    private const string Small = "ModelServer__Models__bank-assist-small__";

    public static readonly IReadOnlyList<(string Key, string Value)> ModelServer =
    [
        .. Profile(Large),
        .. Profile(Small),
        ("ModelServer__RecentRequestCapacity", "10000"),
    ];

    public static readonly IReadOnlyList<(string Key, string Value)> ChatApi =
    [
        ("Budgets__TokensPerMinute", "1000000000"),
        ("Budgets__TokensPerDay", "100000000000"),
        ("RateLimiting__PermitLimit", "1000000"),
    ];

    private static IEnumerable<(string, string)> Profile(string prefix) =>
    [
        (prefix + "TimeToFirstTokenMs", "0"),
        (prefix + "TimeToFirstTokenJitterMs", "0"),
        (prefix + "TokensPerSecond", "0"),
        (prefix + "RequestsPerMinute", "10000000"),
        (prefix + "TokensPerMinute", "1000000000"),
    ];
}

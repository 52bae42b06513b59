using System.Globalization;
using System.Text;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>
/// The tables: every point with its latency "added" over the direct call of the same repetition and concurrency, then
/// the summary in the form of issue 10's table (ranges over the repetitions).
/// </summary>
internal static class ComparisonReport
{
    public static string Points(IReadOnlyList<PointResult> points)
    {
        var text = new StringBuilder();
        text.AppendLine("| rep | concurrency | target | requests/s | p50 ms | p99 ms | added p50 ms | added p99 ms | errors | load avg |");
        text.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            var direct = DirectOf(points, p);
            var addedP50 = p.Target == Target.Direct ? "-" : Ms(p.P50Ms - direct?.P50Ms);
            var addedP99 = p.Target == Target.Direct ? "-" : Ms(p.P99Ms - direct?.P99Ms);
            text.AppendLine(Invariant(
                $"| {p.Repetition} | {p.Concurrency} | {p.Target} | {p.Throughput:F0} | {p.P50Ms:F2} | {p.P99Ms:F2} | {addedP50} | {addedP99} | {p.Errors} | {p.LoadAverage:F2} |"));
        }

        return text.ToString();
    }

    /// <summary>CPU milliseconds per request, per process of the app, for every point (AppHost mode only).</summary>
    public static string Cpu(IReadOnlyList<PointResult> points)
    {
        var names = points.SelectMany(p => p.CpuMsPerRequest).Where(c => c.Value >= 0.05).Select(c => c.Key).Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        text.AppendLine($"| rep | concurrency | target | {string.Join(" | ", names)} | all |");
        text.AppendLine($"|---:|---:|---|{string.Concat(names.Select(_ => "---:|"))}---:|");
        foreach (var p in points)
        {
            var cells = string.Join(" | ", names.Select(n => p.CpuMsPerRequest.GetValueOrDefault(n).ToString("F2", CultureInfo.InvariantCulture)));
            text.AppendLine(Invariant($"| {p.Repetition} | {p.Concurrency} | {p.Target} | {cells} | {p.CpuMsPerRequest.Values.Sum():F2} |"));
        }

        return text.ToString();
    }

    public static string Summary(IReadOnlyList<PointResult> points)
    {
        var hasGateway = points.Any(p => p.Target == Target.Gateway);
        var text = new StringBuilder();
        text.AppendLine(hasGateway
            ? "| concurrency | gateway → ModelServer, added p50 / p99 | ChatApi → ModelServer, added p50 / p99 | throughput ChatApi ÷ gateway | throughput ChatApi ÷ direct |"
            : "| concurrency | ChatApi → ModelServer, added p50 / p99 | throughput ChatApi ÷ direct |");
        text.AppendLine(hasGateway ? "|---:|---|---|---|---|" : "|---:|---|---|");
        foreach (var concurrency in points.Select(p => p.Concurrency).Distinct())
        {
            var chat = Added(points, Target.ChatApi, concurrency);
            var versusDirect = Range(Ratios(points, Target.ChatApi, Target.Direct, concurrency), "F2");
            if (hasGateway)
            {
                var gateway = Added(points, Target.Gateway, concurrency);
                var versusGateway = Range(Ratios(points, Target.ChatApi, Target.Gateway, concurrency), "F2");
                text.AppendLine(Invariant($"| {concurrency} | {gateway} | {chat} | {versusGateway} | {versusDirect} |"));
            }
            else
            {
                text.AppendLine(Invariant($"| {concurrency} | {chat} | {versusDirect} |"));
            }
        }

        return text.ToString();
    }

    private static PointResult? DirectOf(IReadOnlyList<PointResult> points, PointResult p) =>
        points.FirstOrDefault(d => d.Target == Target.Direct && d.Concurrency == p.Concurrency && d.Repetition == p.Repetition);

    private static string Added(IReadOnlyList<PointResult> points, string target, int concurrency)
    {
        var pairs = points.Where(p => p.Target == target && p.Concurrency == concurrency)
            .Select(p => (Point: p, Direct: DirectOf(points, p)))
            .Where(x => x.Direct is not null)
            .ToList();
        return $"{Range(pairs.Select(x => x.Point.P50Ms - x.Direct!.P50Ms), "F1")} ms / {Range(pairs.Select(x => x.Point.P99Ms - x.Direct!.P99Ms), "F1")} ms";
    }

    private static IEnumerable<double> Ratios(IReadOnlyList<PointResult> points, string over, string under, int concurrency) =>
        points.Where(p => p.Target == over && p.Concurrency == concurrency)
            .Select(p => (Over: p, Under: points.FirstOrDefault(u => u.Target == under && u.Concurrency == concurrency && u.Repetition == p.Repetition)))
            .Where(x => x.Under is { Throughput: > 0 })
            .Select(x => x.Over.Throughput / x.Under!.Throughput);

    private static string Range(IEnumerable<double> values, string format)
    {
        var list = values.Where(v => !double.IsNaN(v)).Order().ToList();
        if (list.Count == 0)
        {
            return "n/a";
        }

        var low = list[0].ToString(format, CultureInfo.InvariantCulture);
        var high = list[^1].ToString(format, CultureInfo.InvariantCulture);
        return low == high ? low : $"{low}–{high}";
    }

    private static string Ms(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using LlmReference.LoadGenerator.Reporting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LlmReference.LoadGenerator.Cli;

/// <summary>The report as a console table: one row per scenario and a total, latencies in milliseconds.</summary>
public static class ReportTable
{
    public static IRenderable Create(IEnumerable<ScenarioReport> scenarios, ScenarioReport total)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("scenario", "sent", "ok", "errors", "rate/s", "p50", "p90", "p99", "p99.9", "max", "ttfc p50", "ttfc p99", "errors by status / type");
        foreach (var line in scenarios.Append(total))
        {
            table.AddRow(
                Markup.Escape(line.Scenario),
                N(line.Sent),
                N(line.Completed),
                line.Errors > 0 ? $"[red]{N(line.Errors)}[/]" : "0",
                line.AchievedRate.ToString("0.##", CultureInfo.InvariantCulture),
                Ms(line.Latency.P50Ms),
                Ms(line.Latency.P90Ms),
                Ms(line.Latency.P99Ms),
                Ms(line.Latency.P999Ms),
                Ms(line.Latency.MaxMs),
                line.TimeToFirstChunk is { } ttfc ? Ms(ttfc.P50Ms) : "-",
                line.TimeToFirstChunk is { } ttfc99 ? Ms(ttfc99.P99Ms) : "-",
                Markup.Escape(string.Join(" ", line.ErrorsByStatus.Select(s => $"{s.Key}×{s.Value}").Concat(line.ErrorsByType.Select(t => $"{t.Key}×{t.Value}")))));
        }

        return table;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
}

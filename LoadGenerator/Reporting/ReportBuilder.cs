using System.Globalization;
using System.Text.Json;
using LlmReference.LoadGenerator.Scenarios;

namespace LlmReference.LoadGenerator.Reporting;

/// <summary>Turns live <see cref="ScenarioStatistics"/> into the immutable report lines.</summary>
public static class ReportBuilder
{
    /// <param name="sendWindow">How long requests were being sent: the achieved rate's denominator.</param>
    public static ScenarioReport Build(ScenarioStatistics stats, TimeSpan sendWindow)
    {
        var seconds = Math.Max(sendWindow.TotalSeconds, 1e-9);
        var attempted = stats.Sent + stats.NotSent;
        var ttfc = stats.TimeToFirstChunk.Count > 0 ? stats.TimeToFirstChunk.Summarize() : null;
        return new ScenarioReport(
            stats.Scenario,
            stats.Sent,
            stats.Succeeded,
            stats.Errors,
            stats.NotSent,
            attempted == 0 ? 0 : Math.Round(stats.Succeeded / (double)attempted, 6),
            Math.Round(stats.Sent / seconds, 3),
            stats.ByStatus.Where(s => s.Key is < 200 or > 299).OrderBy(s => s.Key)
                .ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
            stats.ByKind.Where(k => k.Key != OutcomeKind.Success).OrderBy(k => k.Key)
                .ToDictionary(k => JsonNamingPolicy.KebabCaseLower.ConvertName(k.Key.ToString()), k => k.Value),
            stats.Latency.Summarize(),
            stats.ServiceTime.Summarize(),
            ttfc);
    }
}

using System.Text.Json;
using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scenarios;

namespace LlmReference.LoadGenerator.Tests.Reporting;

public sealed class ReportTests
{
    [Fact]
    public void PercentilesComeFromTheWholeDistribution()
    {
        var stats = new ScenarioStatistics("chat");
        for (var ms = 1; ms <= 1000; ms++)
        {
            stats.RecordCompleted(new RequestOutcome("chat", OutcomeKind.Success, 200), TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(ms), null);
        }

        var latency = ReportBuilder.Build(stats, TimeSpan.FromSeconds(10)).Latency;

        // HdrHistogram at 3 significant digits: within 0.1 %.
        Assert.Equal(500, latency.P50Ms, 500 * 0.001);
        Assert.Equal(900, latency.P90Ms, 900 * 0.001);
        Assert.Equal(990, latency.P99Ms, 990 * 0.001);
        Assert.Equal(999, latency.P999Ms, 999 * 0.001);
        Assert.Equal(1000, latency.MaxMs, 1000 * 0.001);
        Assert.Equal(1000, latency.Count);
    }

    [Fact]
    public async Task PercentilesCanBeReadWhileRequestsAreBeingRecorded()
    {
        // Live progress reads the histograms while requests complete on other threads.
        var recorder = new LatencyRecorder();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            // At least 10,000 records each, however late the thread pool starts the writer.
            for (var i = 0; i < 10_000 || !stop.IsCancellationRequested; i++)
            {
                recorder.Record(TimeSpan.FromMicroseconds(1 + ((i * 7919) % 5_000_000)));
            }
        })).ToList();

        while (!stop.IsCancellationRequested)
        {
            Assert.True(recorder.Summarize().MaxMs >= 0);
        }

        await Task.WhenAll(writers);
        Assert.True(recorder.Count > 0);
    }

    [Fact]
    public void ErrorsAreCountedByStatusAndByType()
    {
        var stats = new ScenarioStatistics("fraud-score");
        Record(stats, new RequestOutcome("fraud-score", OutcomeKind.Success, 200), times: 7);
        Record(stats, new RequestOutcome("fraud-score", OutcomeKind.HttpStatus, 503), times: 2);
        Record(stats, new RequestOutcome("fraud-score", OutcomeKind.Timeout), times: 1);
        stats.RecordNotSent(TimeSpan.FromSeconds(1));

        var line = ReportBuilder.Build(stats, TimeSpan.FromSeconds(5));

        Assert.Equal(10, line.Sent);
        Assert.Equal(7, line.Completed);
        Assert.Equal(4, line.Errors);
        Assert.Equal(1, line.NotSent);
        Assert.Equal(2.0, line.AchievedRate);
        Assert.Equal(7 / 11.0, line.SuccessRatio, 6);
        Assert.Equal(new Dictionary<string, long> { ["503"] = 2 }, line.ErrorsByStatus);
        Assert.Equal(new Dictionary<string, long> { ["http-status"] = 2, ["timeout"] = 1, ["not-sent"] = 1 }, line.ErrorsByType);
    }

    [Fact]
    public async Task TheJsonReportHasTheDocumentedShape()
    {
        var stream = new ScenarioStatistics("stream");
        stream.RecordCompleted(new RequestOutcome("stream", OutcomeKind.Success, 200, 1), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(120));
        var chat = new ScenarioStatistics("chat");
        Record(chat, new RequestOutcome("chat", OutcomeKind.HttpStatus, 429), times: 1);
        var elapsed = TimeSpan.FromSeconds(2);
        var report = new LoadReport(
            "mix", "open", "5/s for 2s", null, 256, 1,
            new Dictionary<string, string> { ["chat"] = "http://localhost:5280/", ["fraud"] = "http://localhost:5380/" },
            DateTimeOffset.UnixEpoch, 2.5, 2, false,
            ReportBuilder.Build(stream, elapsed),
            [ReportBuilder.Build(chat, elapsed), ReportBuilder.Build(stream, elapsed)]);
        var path = Path.Combine(Path.GetTempPath(), $"loadgen-{Guid.NewGuid():N}.json");

        await ReportJson.WriteAsync(report, path, CancellationToken.None);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        File.Delete(path);

        var root = json.RootElement;
        Assert.Equal("mix", root.GetProperty("scenario").GetString());
        Assert.Equal("open", root.GetProperty("model").GetString());
        Assert.False(root.TryGetProperty("users", out _));
        foreach (var field in new[] { "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs", "meanMs", "count" })
        {
            Assert.True(root.GetProperty("total").GetProperty("latency").TryGetProperty(field, out _), field);
        }

        var lines = root.GetProperty("scenarios").EnumerateArray().ToDictionary(s => s.GetProperty("scenario").GetString()!);
        Assert.Equal(1, lines["chat"].GetProperty("errorsByStatus").GetProperty("429").GetInt64());
        Assert.Equal(1, lines["chat"].GetProperty("errorsByType").GetProperty("http-status").GetInt64());
        Assert.False(lines["chat"].TryGetProperty("timeToFirstChunk", out _));
        Assert.Equal(120, lines["stream"].GetProperty("timeToFirstChunk").GetProperty("p50Ms").GetDouble(), 0.2);
        Assert.Equal(800, lines["stream"].GetProperty("latency").GetProperty("maxMs").GetDouble(), tolerance: 1.0);
    }

    private static void Record(ScenarioStatistics stats, RequestOutcome outcome, int times)
    {
        for (var i = 0; i < times; i++)
        {
            stats.RecordCompleted(outcome, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), null);
        }
    }
}

using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Telemetry;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LlmReference.LoadGenerator.Cli;

/// <summary>
/// Shows a run while it goes: a live-updating table on an interactive terminal, a log line every few seconds when
/// output is redirected (CI, a file, an AppHost's console log), where redrawing would only produce noise.
/// </summary>
public static class LiveProgress
{
    private static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PlainRefresh = TimeSpan.FromSeconds(5);

    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<LoadReport> WatchAsync(LoadRun run, Task<LoadReport> running, ILogger logger)
    {
        if (IsInteractive)
        {
            await AnsiConsole.Live(Render(run)).AutoClear(true).StartAsync(async context =>
            {
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(LiveRefresh)).ConfigureAwait(false);
                    context.UpdateTarget(Render(run));
                }
            }).ConfigureAwait(false);
        }
        else
        {
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(PlainRefresh)).ConfigureAwait(false);
                if (!running.IsCompleted)
                {
                    var all = run.Statistics.All;
                    Log.LoadProgress(logger, run.Elapsed.TotalSeconds, all.Sent, all.Succeeded, all.Errors, run.InFlight, all.Latency.Summarize().P99Ms);
                }
            }
        }

        return await running.ConfigureAwait(false);
    }

    private static Spectre.Console.Rendering.IRenderable Render(LoadRun run)
    {
        var elapsed = run.Elapsed;
        var lines = run.Statistics.Scenarios.Select(s => ReportBuilder.Build(s, elapsed));
        return new Rows(
            new Markup($"[bold]{Markup.Escape(run.Schedule)}[/]  elapsed {elapsed.TotalSeconds:0}s  in flight {run.InFlight}"),
            ReportTable.Create(lines, ReportBuilder.Build(run.Statistics.All, elapsed)));
    }
}

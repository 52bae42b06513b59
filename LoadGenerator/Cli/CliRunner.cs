using LlmReference.LoadGenerator.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LlmReference.LoadGenerator.Cli;

/// <summary>
/// Runs one load run from the command line: builds the engine's services, shows progress, prints the final table and
/// writes the JSON report. Exit code 0 when the run completed (errors in the target are results, not failures of the
/// tool), 2 when it was stopped early.
/// </summary>
public static class CliRunner
{
    public static async Task<int> RunAsync(LoadRunOptions options, string? reportPath, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging
                .AddSimpleConsole(console => console.SingleLine = true)
                // Per-request HttpClient logs would drown the progress lines; failures are in the report.
                .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
                // The live table shows progress; logs would tear it, so only warnings get through then.
                .SetMinimumLevel(LiveProgress.IsInteractive ? LogLevel.Warning : LogLevel.Information))
            .AddLoadGenerator(options);
        await using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("LoadGenerator");
        var run = provider.GetRequiredService<LoadRun>();
        if (!LiveProgress.IsInteractive)
        {
            // Redirected output has no terminal width; without one Spectre wraps the table at 80 columns.
            AnsiConsole.Profile.Width = 200;
        }

        var report = await LiveProgress.WatchAsync(run, run.RunAsync(cancellationToken), logger).ConfigureAwait(false);

        AnsiConsole.Write(ReportTable.Create(report.Scenarios, report.Total));
        if (reportPath is not null)
        {
            await ReportJson.WriteAsync(report, reportPath, CancellationToken.None).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(Path.GetFullPath(reportPath))}[/]");
        }

        return report.Stopped ? 2 : 0;
    }
}

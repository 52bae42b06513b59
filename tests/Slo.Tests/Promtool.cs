using System.Diagnostics;
using System.Text;
using LlmReference.TestSupport;

namespace LlmReference.Slo.Tests;

/// <summary>
/// Prometheus's <c>promtool</c>, for tests that check rules, rule unit tests and PromQL with the real parser. A test
/// that needs it starts with <see cref="SkipIfUnavailable"/>, so that without it the test shows as skipped with the
/// way to install it, never as a silent pass. Set <c>PROMTOOL</c> to use a binary outside <c>PATH</c>.
/// </summary>
internal static class Promtool
{
    public const string SkipReason = "promtool not found: install Debian's prometheus package (sudo apt-get install prometheus) to run this check";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Full path of the binary, or null when there is none.</summary>
    public static string? Path { get; } = Find();

    public static bool IsAvailable => Path is not null;

    /// <summary>Skips the calling <c>[SkippableFact]</c> when promtool is missing.</summary>
    public static void SkipIfUnavailable() => Skip.IfNot(IsAvailable, SkipReason);

    /// <summary>Runs promtool in the repository root and returns its exit code with stdout and stderr together.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(SkipReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promtool {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        output.Append(await stdout).Append(await stderr);
        return new Result(process.ExitCode, output.ToString());
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PROMTOOL") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "promtool.exe" : "promtool"))
            .FirstOrDefault(File.Exists);
    }

    /// <param name="ExitCode">0 when promtool was satisfied.</param>
    /// <param name="Output">Everything promtool printed, for assertion messages.</param>
    public sealed record Result(int ExitCode, string Output);
}

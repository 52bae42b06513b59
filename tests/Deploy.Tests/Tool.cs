using System.Diagnostics;
using LlmReference.TestSupport;

namespace LlmReference.Deploy.Tests;

/// <summary>
/// A command-line tool a test needs (<c>kubectl</c>, <c>node</c>). A test that needs one starts with
/// <see cref="SkipIfUnavailable"/>, so that without it the test shows as skipped with the way to get it, never as a
/// silent pass. <c>.ci/run</c> installs what these need.
/// </summary>
internal sealed class Tool(string name, string skipReason)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>kubectl, whose built-in kustomize renders the overlays offline.</summary>
    public static Tool Kubectl { get; } = new("kubectl",
        "kubectl not found: install kubectl 1.27+ (its built-in kustomize renders the overlays offline) to run this check");

    /// <summary>Node with the validator's npm packages installed.</summary>
    public static Tool Node { get; } = new("node",
        "node or the validator's packages not found: install Node 20+ and run `npm ci --prefix deploy/kubernetes/validate` to run this check");

    public string? Path { get; } = Find(name);

    /// <summary>For node: the validator's packages must be installed as well.</summary>
    public bool IsAvailable => Path is not null
        && (name != "node" || Directory.Exists(Repository.Path("deploy", "kubernetes", "validate", "node_modules", "kubernetes-models")));

    public void SkipIfUnavailable() => Skip.IfNot(IsAvailable, skipReason);

    /// <summary>Runs the tool in the repository root; returns its exit code, stdout and stderr.</summary>
    public async Task<Result> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(skipReason))
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string? Find(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? executable + ".exe" : executable))
            .FirstOrDefault(File.Exists);

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }
}

namespace LlmReference.Browser.Tests;

/// <summary>
/// The browser these tests drive: Debian's Chromium, never one Playwright downloads (that fails on a machine with a
/// closed network). <c>LLMREF_CHROMIUM</c> points at another Chromium build.
/// </summary>
public static class Chromium
{
    public const string InstallCommand = "sudo apt-get install -y --no-install-recommends chromium";

    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("LLMREF_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string MissingReason =>
        $"Not run: no Chromium at {ExecutablePath}. Install it with `{InstallCommand}` (or set LLMREF_CHROMIUM) to run the browser tests.";

    /// <summary>
    /// Flags for a headless run on a build machine: no sandbox (CI runs as root), no GPU, and none of the background
    /// connections to Google's services, which a closed network refuses many at a time.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];
}

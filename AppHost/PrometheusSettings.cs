using LlmReference.Slo;
using Microsoft.Extensions.Configuration;

namespace LlmReference.AppHost;

/// <summary>
/// How the AppHost runs Prometheus, from AppHost configuration (appsettings, environment, or <c>--Key=value</c>
/// arguments after <c>dotnet run --project AppHost --</c>):
/// <list type="bullet">
/// <item><c>Prometheus:Path</c>: the <c>prometheus</c> binary. Default: <c>prometheus</c> on <c>PATH</c> (Debian's
/// <c>prometheus</c> package puts it in <c>/usr/bin</c>). Without one, Prometheus is simply not added.</item>
/// <item><c>Prometheus:Port</c>: the port of its UI and API on localhost (DCP forwards it to the port the process
/// listens on, on 127.0.0.1). Default 9480; test runs get a random one.</item>
/// <item><c>Prometheus:ScrapeInterval</c>: scrape and rule evaluation interval, a Prometheus duration. Default 15s,
/// or 1s when the rules are compressed.</item>
/// <item><c>Slo:Demo</c>: <c>true</c> loads rules compressed <see cref="DemoTimeCompression"/> times (a 1-hour burn
/// window lasts 30 s), so a page fires within about 20 s of a full outage and clears within about 20 s of Heal.
/// Default false.</item>
/// <item><c>Slo:TimeCompression</c>: an explicit compression factor (overrides <c>Slo:Demo</c>'s). Default 1: the
/// committed production rules from <c>deploy/prometheus/rules</c>.</item>
/// </list>
/// </summary>
/// <param name="Binary">Full path of the <c>prometheus</c> executable.</param>
/// <param name="Port">Host port of Prometheus's HTTP endpoint.</param>
/// <param name="RunDirectory">This run's folder: generated config, compressed rules and the TSDB.</param>
/// <param name="RulesDirectory">The committed production rules.</param>
/// <param name="SloDirectory">The OpenSLO specs compressed rules are generated from.</param>
/// <param name="TimeCompression">1 for production windows; N divides every window and <c>for:</c> by N.</param>
/// <param name="ScrapeInterval">Scrape and evaluation interval.</param>
public sealed record PrometheusSettings(
    string Binary,
    int Port,
    string RunDirectory,
    string RulesDirectory,
    string SloDirectory,
    double TimeCompression,
    TimeSpan ScrapeInterval)
{
    public const int DefaultPort = 9480;

    /// <summary><c>Slo:Demo</c>'s factor: 1 h becomes 30 s, 30 d becomes 6 h.</summary>
    public const double DemoTimeCompression = 120;

    public bool IsCompressed => TimeCompression > 1;

    /// <summary>
    /// Reads the settings, or returns <see langword="null"/> when no <c>prometheus</c> binary is installed.
    /// The run folder is created only when Prometheus will run.
    /// A <c>Prometheus:Path</c> that names no file is a configuration error, not a reason to run without Prometheus.
    /// </summary>
    /// <param name="configuration">AppHost configuration.</param>
    /// <param name="appHostDirectory">The AppHost project folder; the repository root is its parent.</param>
    /// <param name="createRunDirectory">Creates this run's folder.</param>
    /// <param name="searchPath">Folders to look for <c>prometheus</c> in, <c>PATH</c>-style. Default: this process's <c>PATH</c>.</param>
    public static PrometheusSettings? Read(
        IConfiguration configuration, string appHostDirectory, Func<string> createRunDirectory, string? searchPath = null)
    {
        var configuredPath = configuration["Prometheus:Path"];
        if (!string.IsNullOrWhiteSpace(configuredPath) && !File.Exists(configuredPath))
        {
            throw new InvalidOperationException($"Prometheus:Path is '{configuredPath}', but no such file exists.");
        }

        var binary = string.IsNullOrWhiteSpace(configuredPath)
            ? FindOnPath("prometheus", searchPath ?? Environment.GetEnvironmentVariable("PATH"))
            : configuredPath;
        if (binary is null)
        {
            return null;
        }

        var compression = configuration.GetValue("Slo:TimeCompression", configuration.GetValue("Slo:Demo", false) ? DemoTimeCompression : 1);
        if (compression < 1)
        {
            throw new InvalidOperationException($"Slo:TimeCompression must be 1 (production windows) or more, not {compression}.");
        }

        var interval = configuration["Prometheus:ScrapeInterval"] is { Length: > 0 } text
            ? PrometheusDuration.Parse(text)
            : compression > 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(15);

        var repository = Path.GetFullPath(Path.Combine(appHostDirectory, ".."));
        return new PrometheusSettings(
            Path.GetFullPath(binary),
            configuration.GetValue("Prometheus:Port", DefaultPort),
            createRunDirectory(),
            Path.Combine(repository, "deploy", "prometheus", "rules"),
            Path.Combine(repository, "slo"),
            compression,
            interval);
    }

    private static string? FindOnPath(string name, string? searchPath) =>
        (searchPath ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

using System.Diagnostics;
using System.Text.Json;
using LlmReference.AppHost;
using Microsoft.Extensions.Configuration;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// When the AppHost runs Prometheus and what it hands it, checked without starting anything: the switches, the
/// generated <c>prometheus.yml</c>, and the compressed rules, which <c>promtool</c> validates where it is installed.
/// </summary>
public sealed class PrometheusConfigTests : IDisposable
{
    // The AppHost's own metadata names its project folder (what builder.AppHostDirectory is at run time).
    private static readonly string AppHostDirectory = Projects.AppHost.ProjectPath;

    private static readonly ScrapeTarget[] Targets = [new("chatapi", "localhost:5280"), new("model", "localhost:5180")];

    private readonly DirectoryInfo _run = Directory.CreateTempSubdirectory("llmreference-prometheus-test-");

    // A stand-in binary, so the tests behave the same with or without Prometheus installed.
    private readonly string _bin;

    public PrometheusConfigTests()
    {
        _bin = _run.CreateSubdirectory("bin").FullName;
        File.WriteAllText(Path.Combine(_bin, "prometheus"), string.Empty);
    }

    [Fact]
    public void WithoutABinaryThereIsNoPrometheusAndNoRunFolder()
    {
        var created = false;

        var settings = PrometheusSettings.Read(Configuration(), AppHostDirectory, () =>
        {
            created = true;
            return _run.FullName;
        }, searchPath: _run.CreateSubdirectory("empty").FullName);

        Assert.Null(settings);
        Assert.False(created);
    }

    [Fact]
    public void AConfiguredPathThatDoesNotExistIsAnErrorNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Prometheus:Path", "/nowhere/prometheus")));

        Assert.Contains("Prometheus:Path", error.Message);
    }

    [Fact]
    public void ProductionWindowsAndA15SecondScrapeByDefault()
    {
        var settings = Read();

        Assert.Equal(Path.Combine(_bin, "prometheus"), settings.Binary);
        Assert.Equal(1, settings.TimeCompression);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.ScrapeInterval);
        Assert.Equal(PrometheusSettings.DefaultPort, settings.Port);
    }

    [Theory]
    [InlineData("Slo:Demo", "true", 120)]
    [InlineData("Slo:TimeCompression", "60", 60)]
    public void TheDemoSwitchesCompressTheRulesAndScrapeEverySecond(string key, string value, double compression)
    {
        var settings = Read((key, value));

        Assert.Equal(compression, settings.TimeCompression);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.ScrapeInterval);
    }

    [SkippableFact]
    public async Task ProductionConfigScrapesEveryTargetAndLoadsTheCommittedRules()
    {
        var config = new PrometheusConfig(Read());

        await config.WriteAsync(Targets, CancellationToken.None);

        var yaml = await File.ReadAllTextAsync(config.ConfigFile);
        var committedRules = Path.GetFullPath(Path.Combine(AppHostDirectory, "..", "deploy", "prometheus", "rules"));
        Assert.Contains(JsonSerializer.Serialize(Path.Combine(committedRules, "*.rules.yaml")), yaml);
        Assert.NotEmpty(Directory.GetFiles(committedRules, "*.rules.yaml"));
        Assert.Contains("scrape_interval: 15s", yaml);
        foreach (var target in Targets)
        {
            Assert.Contains($"job_name: \"{target.Job}\"", yaml);
            Assert.Contains($"targets: [\"{target.Address}\"]", yaml);
        }

        await AssertPromtoolAcceptsAsync(config.ConfigFile);
    }

    [SkippableFact]
    public async Task DemoConfigLoadsRulesCompressedFromTheSpecs()
    {
        var config = new PrometheusConfig(Read(("Slo:Demo", "true")));

        await config.WriteAsync(Targets, CancellationToken.None);

        var yaml = await File.ReadAllTextAsync(config.ConfigFile);
        var chatapiRules = Path.Combine(_run.FullName, "rules", "chatapi.rules.yaml");
        Assert.Contains(JsonSerializer.Serialize(chatapiRules), yaml);
        Assert.Contains("scrape_interval: 1s", yaml);
        // 1h / 120 = 30s; no production window is left.
        var rules = await File.ReadAllTextAsync(chatapiRules);
        Assert.Contains("[30s]", rules);
        Assert.DoesNotContain("[1h]", rules);

        await AssertPromtoolAcceptsAsync(config.ConfigFile);
    }

    public void Dispose() => _run.Delete(recursive: true);

    private PrometheusSettings Read(params (string Key, string Value)[] settings) =>
        PrometheusSettings.Read(Configuration(settings), AppHostDirectory, () => _run.FullName, searchPath: _bin)
        ?? throw new InvalidOperationException("The stand-in binary was not found.");

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();

    /// <summary><c>promtool check config</c> also checks every rule file the config loads. Skipped (not passed) without it.</summary>
    private static async Task AssertPromtoolAcceptsAsync(string configFile)
    {
        var promtool = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);
        Skip.If(promtool is null, "promtool is not installed, so the generated config was not validated: sudo apt-get install prometheus");

        using var process = Process.Start(new ProcessStartInfo(promtool!, ["check", "config", configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(process.ExitCode == 0, $"promtool check config {configFile}:\n{string.Concat(output)}");
    }
}

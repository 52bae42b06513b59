using Microsoft.Playwright;

namespace LlmReference.Browser.Tests;

/// <summary>
/// One AppHost and one Chromium for the whole collection (starting either takes seconds on a 2-core machine). Where
/// Chromium is missing nothing starts and every test reports itself skipped with <see cref="Chromium.MissingReason"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private AppHostProcess? _appHost;

    public AppHostProcess AppHost => _appHost ?? throw new InvalidOperationException("The AppHost has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    /// <summary>Every resource the quick start promises on the Resources page (Prometheus too where it is installed).</summary>
    public static IReadOnlyList<string> Resources { get; } =
    [
        "cache-server", "cache", "model", "model-fallback", "fraud", "chatapi", "loadgen",
        .. PrometheusInstalled() ? ["prometheus"] : Array.Empty<string>(),
    ];

    private Task<Uri>? _chatApi;
    private readonly Lock _chatApiLock = new();

    /// <summary>
    /// Waits, once, until the dashboard shows every resource Running and healthy, and returns the ChatApi URL it lists.
    /// </summary>
    public Task<Uri> ChatApiAsync()
    {
        lock (_chatApiLock)
        {
            return _chatApi ??= ReadyAsync();
        }
    }

    private async Task<Uri> ReadyAsync()
    {
        await using var context = await Browser.NewContextAsync();
        var dashboard = new Dashboard(await context.NewPageAsync(), AppHost);
        await dashboard.LogInAsync();
        await dashboard.OpenResourcesAsync();
        await dashboard.WaitForRunningAndHealthyAsync(Resources);
        return await dashboard.UrlOfAsync("chatapi");
    }

    private static bool PrometheusInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "prometheus")));

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return;
        }

        _appHost = await AppHostProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_appHost is not null)
        {
            await _appHost.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

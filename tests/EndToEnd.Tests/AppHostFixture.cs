using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// Starts the real AppHost once for the whole collection: CacheServer (Garnet), both model deployments, FraudService
/// and ChatApi as separate processes under DCP, exactly as <c>dotnet run --project AppHost</c> does, minus the dashboard.
/// Where Prometheus is installed it runs too, in the AppHost's demo mode (<c>Slo:Demo=true</c>): SLO rules compressed
/// 120 times and a 1-second scrape, so burn-rate alerts fire and resolve within a test's time.
/// </summary>
public class AppHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Generous: longer than ChatApi's own total timeout per model call, so a slow answer is the service's verdict.</summary>
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(90);

    public const string DefaultUserId = "e2e-user";

    public static readonly string[] Services = ["cache-server", "model", "model-fallback", "fraud", "chatapi"];

    public const string PrometheusMissing =
        "Not run: no prometheus binary, so the AppHost started without Prometheus. Install it with " +
        "`sudo apt-get install prometheus` (or set Prometheus:Path) to run the SLO alert tests.";

    /// <summary>Stream idle timeout of ChatApi in these runs (see <see cref="TestSettings"/>).</summary>
    public static readonly TimeSpan StreamIdleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Settings that make effects the dashboard commands promise visible within a test's time; each is a documented
    /// option of the service, set through the environment exactly as an operator would.
    /// <list type="bullet">
    /// <item>ChatApi's stream idle timeout: 30 s by default, so a stalled stream ("Slow stream") would hold its test
    /// for half a minute; 10 s still leaves a loaded machine ample time for a tool round trip between two chunks.</item>
    /// <item>FraudService's simulator and drift window: at the default 5 events/s, the 500 scored transactions drift
    /// needs before it is judged take almost two minutes, and a 5,000-transaction window would stay drifted long after
    /// "Stop" (failing every later readiness check in the collection). Ten times the rate, a 1,000-transaction
    /// window judged from 300 and refreshed every 2 s show drift in seconds and let baseline traffic wash it out.
    /// The simulator's labels are held back for a day: no test here reads them, and a drifted burst's labels arriving
    /// half a minute later could turn <c>fraud</c> Degraded for precision in whichever test runs next.</item>
    /// </list>
    /// </summary>
    private static readonly (string Resource, string Name, string Value)[] TestSettings =
    [
        ("chatapi", "Chat__StreamIdleTimeout", StreamIdleTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture)),
        ("fraud", "Fraud__Simulation__EventsPerSecond", "50"),
        ("fraud", "Fraud__Monitoring__ScoredWindowSize", "1000"),
        ("fraud", "Fraud__Monitoring__MinScoredForDrift", "300"),
        ("fraud", "Fraud__Monitoring__RefreshInterval", "00:00:02"),
        ("fraud", "Fraud__Simulation__LabelDelay", "1.00:00:00"),
    ];

    private DistributedApplication? _app;

    /// <summary>The embedded cache's data directory for this run: fresh, and never the developer's AppHost/.data/cache.</summary>
    public string CacheDataDirectory { get; } = Directory.CreateTempSubdirectory("llmreference-e2e-cache-").FullName;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>The fraud API key the AppHost generated (parameter <c>fraud-api-key</c>); clients for <c>fraud</c> send it.</summary>
    public string FraudApiKey { get; private set; } = "";

    /// <summary>AppHost arguments beyond the common ones (e.g. <c>--Replicas:chatapi=2</c>), for a derived fixture.</summary>
    private readonly string[] _extraArgs;

    public AppHostFixture()
        : this([])
    {
    }

    protected AppHostFixture(string[] extraArgs) => _extraArgs = extraArgs;

    /// <summary>Environment settings a derived fixture adds to <see cref="TestSettings"/>.</summary>
    protected virtual IEnumerable<(string Resource, string Name, string Value)> ExtraSettings => [];

    /// <summary>Whether the AppHost found a <c>prometheus</c> binary and added the <c>prometheus</c> resource.</summary>
    public bool HasPrometheus => App.Services.GetRequiredService<DistributedApplicationModel>()
        .Resources.Any(r => r.Name == PrometheusExtensions.ResourceName);

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--environment=Development", "--Slo:Demo=true", $"--Cache:DataDirectory={CacheDataDirectory}", .. _extraArgs],
            (options, _) => options.DisableDashboard = true);

        // With the dashboard off nothing listens on the OTLP endpoint Aspire injects, and exporters would stall every
        // service's shutdown; the tests read telemetry from the services' own APIs instead.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", string.Empty);
        }

        foreach (var (resource, name, value) in TestSettings.Concat(ExtraSettings))
        {
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == resource))
                .WithEnvironment(name, value);
        }

        _app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await _app.StartAsync().WaitAsync(StartTimeout);

        foreach (var name in Services)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(StartTimeout);
        }

        if (HasPrometheus)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(PrometheusExtensions.ResourceName).WaitAsync(StartTimeout);
        }

        FraudApiKey = await ParameterAsync("fraud-api-key");
    }

    /// <summary>
    /// A plain client for <paramref name="resource"/>'s http endpoint: no retries, no hedging, no breaker, so an
    /// assertion sees every response the service sent (a transient 500 is a failure, not something to retry away).
    /// Tests that wait for a condition poll the state that shows it, never the call they assert on. It carries
    /// ChatApi's development identity <paramref name="userId"/> (a user id instead of an API key; the AppHost runs
    /// services in Development), which other resources ignore; pass null to set it per request instead.
    /// </summary>
    public HttpClient CreateClient(string resource, string? userId = DefaultUserId)
    {
        var client = new HttpClient { BaseAddress = App.GetEndpoint(resource, "http"), Timeout = ClientTimeout };
        if (resource == "fraud")
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", FraudApiKey);
        }

        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add("X-User-Id", userId);
        }

        return client;
    }

    /// <summary>The generated admin key the AppHost gave both model deployments.</summary>
    public Task<string> GetModelAdminKeyAsync() => ParameterAsync("model-admin-key");

    private async Task<string> ParameterAsync(string name)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var parameter = model.Resources.OfType<ParameterResource>().Single(p => p.Name == name);
        return await parameter.GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException($"No value for {name}.");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(CacheDataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process of the run still holds a file; the OS temp cleaner takes it.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}

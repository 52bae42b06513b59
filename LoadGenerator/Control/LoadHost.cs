using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator.Control;

/// <summary>
/// Serve mode (<c>LoadGenerator serve</c>, how the AppHost starts it): a minimal ASP.NET Core host with ServiceDefaults
/// (OTLP logs, metrics and traces, health, <c>/metrics</c>) and the control API, idle until a run is started.
/// </summary>
public static class LoadHost
{
    /// <summary>The first argument that selects serve mode; the rest are ordinary host arguments.</summary>
    public const string Verb = "serve";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // ServiceDefaults exports the meter named after the application: keep it "LoadGenerator" whatever the
            // entry assembly (a test host, for one), so the engine's meter is always exported.
            ApplicationName = typeof(LoadHost).Assembly.GetName().Name,
        });

        // The FraudService reference (for its TransactionSimulator) copies FraudService's appsettings.json into this
        // output folder. It is not this app's configuration: its Slo:Service would make the generator evaluate fraud's
        // SLOs. Serve mode reads only the environment (the AppHost's), the command line and the defaults in code.
        foreach (var file in builder.Configuration.Sources.OfType<JsonConfigurationSource>().Where(s => s.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true).ToList())
        {
            builder.Configuration.Sources.Remove(file);
        }

        builder.AddServiceDefaults();
        // One log line per load request would drown the progress lines; failures are counted in the status and report.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.AddLoadHost();

        var app = builder.Build();
        app.UseStatusCodePages();
        app.MapDefaultEndpoints();
        app.MapLoadApi();
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}

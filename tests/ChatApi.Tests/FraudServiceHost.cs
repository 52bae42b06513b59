using System.Globalization;
using LlmReference.FraudService;
using LlmReference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace LlmReference.ChatApi.Tests;

/// <summary>The real FraudService on a real Kestrel port, with the transparent rules model and the shared Garnet.</summary>
public sealed class FraudServiceHost : WebApplicationFactory<FraudApiOptions>
{
    private readonly string _cache;
    private readonly IDictionary<string, string?> _settings;

    /// <param name="settings">Configuration on top of the defaults, e.g. a shorter <c>Fraud:Monitoring:RefreshInterval</c>.</param>
    public FraudServiceHost(string cacheConnectionString, IDictionary<string, string?>? settings = null)
    {
        _cache = cacheConnectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        Port = GarnetFixture.FreeTcpPort();
        UseKestrel(Port);
        StartServer();
    }

    /// <summary>FraudService's API key (<c>Fraud:Access:ApiKey</c>); ChatApi hosts get it as <c>Tools:FraudApiKey</c>.</summary>
    public const string ApiKey = "chatapi-tests-fraud-api-key";

    public int Port { get; }

    /// <summary>A client for FraudService's own API, with the key.</summary>
    public HttpClient CreateKeyedClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(LlmReference.FraudService.Contracts.FraudApiKey.HeaderName, ApiKey);
        return client;
    }

    /// <summary>Spans FraudService's own tracer provider exported (its Redis calls among them).</summary>
    public List<Activity> Spans { get; } = [];

    public void FlushTelemetry() => Services.GetRequiredService<TracerProvider>().ForceFlush();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:cache", _cache);
        builder.UseSetting("Fraud:Model:Kind", "rules");
        builder.UseSetting("Fraud:Access:ApiKey", ApiKey);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}

using System.Diagnostics;
using LlmReference.ChatApi.Llm;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// ChatApi in-process (the public <see cref="LlmOptions"/> is the entry-point marker: ChatApi and the model server
/// both have a top-level <c>Program</c>). By default it reaches the model server the way the AppHost wires it: a
/// <c>ConnectionStrings:model</c> with the server's endpoint and model. Spans and metrics are exported in memory.
/// </summary>
public class ChatApiHost(ChatApiEnvironment environment, IDictionary<string, string?>? settings = null, bool testDefaults = true)
    : WebApplicationFactory<LlmOptions>
{
    /// <summary>The caller every client from this host identifies as (development <c>X-User-Id</c> header).</summary>
    public const string DefaultUserId = "test-user";

    /// <summary>The Redis command timeout of test hosts: the StackExchange.Redis default, not the production 1 s.</summary>
    public static readonly TimeSpan MachineTolerantCommandTimeout = TimeSpan.FromSeconds(5);

    public List<Activity> Spans { get; } = [];

    public List<Metric> Metrics { get; } = [];

    /// <summary>What ChatApi sent to the model, as it went on the wire.</summary>
    public ModelTraffic ModelTraffic { get; } = new();

    /// <summary>
    /// Settings that add <paramref name="fallback"/> as the second deployment, <c>model-fallback</c>, as the AppHost does.
    /// </summary>
    public static Dictionary<string, string?> WithFallback(ModelServerHost fallback) => new()
    {
        ["ConnectionStrings:model-fallback"] = fallback.ConnectionString,
        ["Llm:Deployments:0"] = "model",
        ["Llm:Deployments:1"] = "model-fallback",
    };

    /// <summary>The primary deployment's connection string pointed at <paramref name="endpoint"/> for <paramref name="model"/>.</summary>
    public static string ModelConnectionString(string endpoint, string model = "bank-assist-large") => $"Endpoint={endpoint};Model={model}";

    /// <summary>
    /// Serves ChatApi on a real Kestrel port (Kestrel, not the in-memory test server, enforces body size limits),
    /// and returns a client for it.
    /// </summary>
    public HttpClient CreateKestrelClient()
    {
        UseKestrel(TestSupport.GarnetFixture.FreeTcpPort());
        StartServer();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // What the AppHost sets for ChatApi.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:cache", environment.Garnet.ConnectionString);
        builder.UseSetting("ConnectionStrings:model", environment.ModelServer.ConnectionString);
        builder.UseSetting("Tools:FraudApiKey", FraudServiceHost.ApiKey);
        // The production default (1 s) suits a cache that answers in microseconds; these tests share 2 loaded cores
        // with a parallel run, where a Garnet handshake or command can take longer, and a test about feedback must not
        // turn into a test of the machine's speed. CacheOutageTests set the production value back explicitly.
        builder.UseSetting("Cache:Resilience:CommandTimeout", MachineTolerantCommandTimeout.ToString());

        if (testDefaults)
        {
            // Fail fast in tests: one quick retry instead of the production back-off.
            builder.UseSetting("Llm:Resilience:Retry:MaxRetryAttempts", "1");
            builder.UseSetting("Llm:Resilience:Retry:Delay", "00:00:00.010");
            // Budgets and the rate limiter are generous unless a test is about them (all tests share one Garnet).
            builder.UseSetting("Budgets:TokensPerMinute", "1000000000");
            builder.UseSetting("Budgets:TokensPerDay", "100000000000");
            builder.UseSetting("RateLimiting:PermitLimit", "1000000");
            // Cached answers would hide model calls from tests about other features; cache tests switch it on.
            builder.UseSetting("ResponseCache:Enabled", "false");
            // Tools need FraudService; tests about tools start one and switch them on.
            builder.UseSetting("Tools:Enabled", "false");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        ConfigureTestTelemetry(builder);
    }

    private void ConfigureTestTelemetry(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            services.AddHttpClient(LlmOptions.HttpClientName).AddHttpMessageHandler(ModelTraffic.CreateHandler);
            ConfigureServices(services);
        });
    }

    /// <summary>Clients identify as <see cref="DefaultUserId"/> unless a test says otherwise.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-User-Id", DefaultUserId);
    }

    /// <summary>Extra test services (e.g. log collection) for derived hosts.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// Opens ChatApi's Redis connection before a burst: Garnet can stall a connection handshake that arrives with
    /// many commands already queued behind it, which would turn a race test into a connect-timeout test.
    /// </summary>
    public async Task WarmUpRedisAsync() =>
        await Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase().PingAsync();

    /// <summary>
    /// The spans of one trace once ChatApi's own server span for it has ended. The test client can read a reply
    /// before ASP.NET Core stops the request's hosting activity, so a list read straight after the reply may lack it.
    /// </summary>
    public async Task<List<Activity>> CompletedTraceAsync(string? traceId, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            FlushTelemetry();
            var trace = Spans.ToArray().Where(s => s.TraceId.ToHexString() == traceId).ToList();
            if (trace.Any(s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == path)
                || DateTime.UtcNow > deadline)
            {
                return trace;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Pushes buffered spans and metrics to the in-memory lists.</summary>
    public void FlushTelemetry()
    {
        Services.GetRequiredService<TracerProvider>().ForceFlush();
        Services.GetRequiredService<MeterProvider>().ForceFlush();
    }
}

using LlmReference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LlmReference.FraudService.Tests.Infrastructure;

/// <summary>
/// Hosts the real FraudService on Kestrel (real HTTP on a free loopback port, so Kestrel's own limits apply)
/// against a real Garnet server (Redis protocol on a loopback port). Logs go to a
/// <c>FakeLogCollector</c> so tests can inspect them. Tests share one instance and keep apart by using fresh ids.
/// </summary>
public class FraudServiceFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Kept small so the cap and the body limit are easy to exercise.</summary>
    public const int RecentPerCustomer = 5;
    public const int MaxRequestBodyBytes = 2048;
    public const int MaxBatchSize = 10;
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(6);

    /// <summary>The API key the service accepts (<c>Fraud:Access:ApiKey</c>); clients from <c>CreateClient</c> send it.</summary>
    public const string ApiKey = "test-fraud-api-key-6f1d2c9a";

    public FraudServiceFactory() => UseKestrel(0);

    public GarnetFixture Garnet { get; } = new();

    /// <summary>
    /// The transparent <c>rules-v1</c> model by default: its scores can be reasoned about by hand, which the API tests
    /// rely on. The trained model has tests of its own.
    /// </summary>
    protected virtual string ModelKind => "rules";

    public async Task InitializeAsync()
    {
        await Garnet.InitializeAsync();
        StartServer(); // now, so that a broken configuration fails here with a clear error
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Garnet.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public IDatabase Redis => Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (not ConfigureAppConfiguration): the Redis client reads its connection string while Program builds.
        builder.UseSetting("ConnectionStrings:cache", Garnet.ConnectionString);
        builder.UseSetting("Fraud:Storage:RecentPerCustomer", RecentPerCustomer.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Fraud:Storage:Ttl", Ttl.ToString());
        builder.UseSetting("Fraud:Api:MaxRequestBodyBytes", MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Fraud:Api:MaxBatchSize", MaxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        // The StackExchange.Redis default instead of the production 1 s: these tests share 2 loaded cores with a
        // parallel run. CacheRecoveryTests set the production value back explicitly.
        builder.UseSetting("Cache:Resilience:CommandTimeout", "00:00:05");
        builder.UseSetting("Fraud:Model:Kind", ModelKind);
        builder.UseSetting("Fraud:Access:ApiKey", ApiKey);
        builder.UseSetting("Logging:LogLevel:LlmReference.FraudService", "Debug"); // the per-transaction log is Debug
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        Configure(builder);
    }

    /// <summary>Clients send the API key, as ChatApi and the load generator do; <see cref="CreateClientWithoutKey"/> does not.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(FraudApiKey.HeaderName, ApiKey);
    }

    /// <summary>A client that sends no API key (or the one a test adds).</summary>
    public HttpClient CreateClientWithoutKey()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(FraudApiKey.HeaderName);
        return client;
    }

    /// <summary>Extra settings for a derived fixture that needs its own configuration.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class FraudServiceCollection : ICollectionFixture<FraudServiceFactory>
{
    public const string Name = "FraudService";
}

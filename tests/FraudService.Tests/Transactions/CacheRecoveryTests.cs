using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LlmReference.FraudService.Tests.Infrastructure;
using LlmReference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace LlmReference.FraudService.Tests.Transactions;

/// <summary>
/// The cache goes away under a running FraudService (a <see cref="CacheProxy"/> in front of its real Garnet): scoring
/// learns it well within the old 5 s timeout, the breaker then refuses every cache endpoint at once with 503 problem
/// details and Retry-After (never a 500), and when the cache returns the same host scores again and still has the
/// transactions it stored. The breaker's break passes on a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class CacheRecoveryTests : IAsyncLifetime
{
    /// <summary>The default; the bound asserted on the first failure is this plus generous slack.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    private readonly OutageFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_factory).InitializeAsync();
        _client = _factory.CreateClient();
        // Start from a connected cache: the service connects on first use, and on a loaded machine the handshake can
        // outlast a command timeout, which would fail the request meant to show the cache working.
        await WaitUntilConnectedAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await ((IAsyncLifetime)_factory).DisposeAsync();
        await _factory.Proxy.DisposeAsync();
    }

    [Fact]
    public async Task StoppedCacheFailsFastThenTheBreakerRefusesUntilItReturns()
    {
        var before = await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));

        _factory.Proxy.Refuse();
        await AssertFailsFastThenBreakerOpensAsync();

        // Every endpoint that needs the store is refused while the breaker is open.
        using var read = await _client.GetAsync($"/api/fraud/transactions/{before.TransactionId}");
        await AssertRefusedByBreakerAsync(read);
        using var label = await _client.PostAsJsonAsync("/api/fraud/labels", new { transactionId = before.TransactionId, isFraud = false }, HttpExtensions.Json);
        await AssertRefusedByBreakerAsync(label);

        await AssertRecoversAsync(before.TransactionId);
    }

    [Fact]
    public async Task HungCacheCostsOneCommandTimeoutThenTheBreakerRefusesUntilItAnswers()
    {
        var before = await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));

        _factory.Proxy.Hang();
        await AssertFailsFastThenBreakerOpensAsync();

        await AssertRecoversAsync(before.TransactionId);
    }

    private async Task AssertFailsFastThenBreakerOpensAsync()
    {
        var clock = Stopwatch.StartNew();
        using var first = await _client.PostAsJsonAsync("/api/fraud/score", TestTransactions.Typical(TestTransactions.NewCustomerId()), HttpExtensions.Json);
        var took = clock.Elapsed;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.NotNull(first.Headers.RetryAfter?.Delta);
        var title = (await first.ReadProblemAsync()).GetProperty("title").GetString();
        // The command timeout plus generous slack for a loaded machine; before, every request waited 5 s.
        Assert.True(took < CommandTimeout + TimeSpan.FromSeconds(3), $"the first request took {took} to fail");

        for (var attempt = 0; title != "Cache unavailable" && attempt < 3; attempt++)
        {
            using var response = await _client.PostAsJsonAsync("/api/fraud/score", TestTransactions.Typical(TestTransactions.NewCustomerId()), HttpExtensions.Json);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            title = (await response.ReadProblemAsync()).GetProperty("title").GetString();
        }

        Assert.Equal("Cache unavailable", title);
    }

    private static async Task AssertRefusedByBreakerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        // Only the breaker writes this title: the handler (which would call the cache) did not run.
        Assert.Equal("Cache unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.InRange(response.Headers.RetryAfter.Delta.Value, TimeSpan.FromSeconds(1), BreakDuration);
    }

    private async Task AssertRecoversAsync(string storedTransactionId)
    {
        _factory.Proxy.Resume();
        await WaitUntilConnectedAsync();
        _factory.Clock.Advance(BreakDuration);

        await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));
        using var stored = await _client.GetAsync($"/api/fraud/transactions/{storedTransactionId}");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    /// <summary>StackExchange.Redis (re)connects by itself, in real time: wait for it, bounded generously.</summary>
    private async Task WaitUntilConnectedAsync()
    {
        var redis = _factory.Services.GetRequiredService<IConnectionMultiplexer>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!redis.IsConnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(redis.IsConnected, "StackExchange.Redis did not connect within 30 s");
    }

    /// <summary>FraudService reaching its Garnet through a proxy, with its clock under the test's control.</summary>
    private sealed class OutageFactory : FraudServiceFactory
    {
        private CacheProxy? _proxy;

        public CacheProxy Proxy => _proxy ?? throw new InvalidOperationException("The host has not started.");

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void Configure(IWebHostBuilder builder)
        {
            _proxy ??= new CacheProxy(Garnet.Port);
            builder.UseSetting("ConnectionStrings:cache", _proxy.ConnectionString);
            builder.UseSetting("Cache:Resilience:BreakDuration", BreakDuration.ToString());
            builder.UseSetting("Cache:Resilience:CommandTimeout", CommandTimeout.ToString());
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}

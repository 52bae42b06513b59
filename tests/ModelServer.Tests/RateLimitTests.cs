using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace LlmReference.ModelServer.Tests;

/// <summary>
/// 60 requests per minute enforced over a 1 s window: one request per second, no burst. The server's clock is a
/// <see cref="FakeTimeProvider"/> that only the tests move, so the bucket refills when a test says time has passed,
/// never because this machine was slow between two requests.
/// </summary>
public sealed class RequestRateLimitedServerFactory() : ModelServerFactory(new Dictionary<string, string?>
{
    [$"ModelServer:Models:{LargeModel}:RequestsPerMinute"] = "60",
    [$"ModelServer:Models:{LargeModel}:RateLimitWindowSeconds"] = "1",
})
{
    public FakeTimeProvider Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>
/// 600 tokens per minute over a 10 s window: a bucket of 100 tokens refilling at 10 per second, on a stopped
/// <see cref="FakeTimeProvider"/> (a machine that paused for seconds between two requests would otherwise refill it).
/// </summary>
public sealed class TokenRateLimitedServerFactory() : ModelServerFactory(new Dictionary<string, string?>
{
    [$"ModelServer:Models:{LargeModel}:TokensPerMinute"] = "600",
    [$"ModelServer:Models:{LargeModel}:RateLimitWindowSeconds"] = "10",
})
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider()));
    }
}

public sealed class RequestRateLimitTests(RequestRateLimitedServerFactory factory) : IClassFixture<RequestRateLimitedServerFactory>
{
    [Fact]
    public async Task RequestsOverTheQuotaGet429WithRetryAfterAndRateLimitHeaders()
    {
        using var client = factory.CreateHttpClient();

        var response = await SendUntilRateLimitedAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("60", response.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.True(response.Headers.Contains("x-ratelimit-remaining-tokens"));
        Assert.Matches(@"^\d+(\.\d+)?(ms|s)$", response.Headers.GetValues("x-ratelimit-reset-requests").Single());
        var error = (await ChatRequests.ReadJsonAsync(response))["error"]!;
        Assert.Equal("rate_limit_exceeded", (string?)error["code"]);
        Assert.Contains("requests per min", (string?)error["message"]);
    }

    [Fact]
    public async Task StandardResilienceHandlerWaitsOutRetryAfterAndSucceeds()
    {
        using var plain = factory.CreateHttpClient();
        (await SendUntilRateLimitedAsync(plain)).Dispose();
        var attempts = new AttemptRecorder(factory.Time);
        var services = new ServiceCollection();
        services.AddHttpClient("model", c => c.BaseAddress = factory.BaseUri)
            .AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(50))
            .Services.AddHttpClient("model").AddHttpMessageHandler(() => attempts);
        using var provider = services.BuildServiceProvider();
        using var resilient = provider.GetRequiredService<IHttpClientFactory>().CreateClient("model");

        using var response = await ChatRequests.PostAsync(resilient, ChatRequests.Body("What is the contactless limit?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The bucket was empty, so the first attempt got 429 + Retry-After: 1, and the handler waited that out (not its
        // own 50 ms delay) before the one retry that succeeded. Waits only get longer on a busy machine: no upper bound.
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK], attempts.Statuses);
        Assert.True(attempts.Gaps[0] >= TimeSpan.FromMilliseconds(900), $"retried after {attempts.Gaps[0]}");
    }

    private static async Task<HttpResponseMessage> SendUntilRateLimitedAsync(HttpClient client)
    {
        // With the server's clock stopped the bucket cannot refill: the second request at the latest is refused.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await ChatRequests.PostAsync(client, ChatRequests.Body("Hello"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            response.Dispose();
        }

        throw new Xunit.Sdk.XunitException("Two requests in a row were not rate limited.");
    }
}

/// <summary>
/// Sits inside the resilience handler, so it sees every attempt; when the server says "retry after", it moves the
/// server's clock on by that much, as the client's wait would in real time.
/// </summary>
internal sealed class AttemptRecorder(FakeTimeProvider serverTime) : DelegatingHandler
{
    private readonly Stopwatch _sinceLastResponse = new();

    public List<HttpStatusCode> Statuses { get; } = [];

    /// <summary>Real time between each response and the next attempt.</summary>
    public List<TimeSpan> Gaps { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_sinceLastResponse.IsRunning)
        {
            Gaps.Add(_sinceLastResponse.Elapsed);
        }

        var response = await base.SendAsync(request, cancellationToken);
        Statuses.Add(response.StatusCode);
        if (response.Headers.RetryAfter?.Delta is { } wait)
        {
            serverTime.Advance(wait);
        }

        _sinceLastResponse.Restart();
        return response;
    }
}

public sealed class TokenRateLimitTests(TokenRateLimitedServerFactory factory) : IClassFixture<TokenRateLimitedServerFactory>
{
    [Fact]
    public async Task RequestsOverTheTokenQuotaGet429NamingTokens()
    {
        using var client = factory.CreateHttpClient();
        var body = ChatRequests.Body("What is the overdraft fee?");
        body["max_tokens"] = 60;

        using var first = await ChatRequests.PostAsync(client, body);
        using var second = await ChatRequests.PostAsync(client, body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.True(int.Parse(second.Headers.GetValues("x-ratelimit-remaining-tokens").Single()) < 60);
        Assert.Contains("tokens per min", (string?)(await ChatRequests.ReadJsonAsync(second))["error"]!["message"]);
    }
}

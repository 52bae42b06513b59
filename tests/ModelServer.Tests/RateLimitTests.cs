using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace LlmReference.ModelServer.Tests;

/// <summary>60 requests per minute enforced over a 1 s window: one request per second, no burst.</summary>
public sealed class RequestRateLimitedServerFactory() : ModelServerFactory(new Dictionary<string, string?>
{
    [$"ModelServer:Models:{LargeModel}:RequestsPerMinute"] = "60",
    [$"ModelServer:Models:{LargeModel}:RateLimitWindowSeconds"] = "1",
});

/// <summary>600 tokens per minute over a 10 s window: a bucket of 100 tokens refilling at 10 per second.</summary>
public sealed class TokenRateLimitedServerFactory() : ModelServerFactory(new Dictionary<string, string?>
{
    [$"ModelServer:Models:{LargeModel}:TokensPerMinute"] = "600",
    [$"ModelServer:Models:{LargeModel}:RateLimitWindowSeconds"] = "10",
});

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
        var services = new ServiceCollection();
        services.AddHttpClient("model", c => c.BaseAddress = factory.BaseUri)
            .AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(50));
        using var provider = services.BuildServiceProvider();
        using var resilient = provider.GetRequiredService<IHttpClientFactory>().CreateClient("model");
        var clock = Stopwatch.StartNew();

        using var response = await ChatRequests.PostAsync(resilient, ChatRequests.Body("What is the contactless limit?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The bucket was empty, so the first attempt got 429 + Retry-After: 1 and the handler waited it out.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(700), $"answered after {clock.Elapsed}");
    }

    private static async Task<HttpResponseMessage> SendUntilRateLimitedAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await ChatRequests.PostAsync(client, ChatRequests.Body("Hello"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            response.Dispose();
        }

        throw new Xunit.Sdk.XunitException("Five requests in a row were not rate limited.");
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

using System.Globalization;
using System.Net;
using LlmReference.ChatApi.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Two independent ChatApi hosts (two replicas) against the same real Garnet: a caller's request rate and open
/// streams are counted once, together, however the requests are spread and however they race.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class SharedRateLimitTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    public Task InitializeAsync() => environment.ModelServer.HealAsync();

    public Task DisposeAsync() => environment.ModelServer.HealAsync();

    [Fact]
    public async Task RequestRateLimitHoldsAcrossTwoReplicasUnderARace()
    {
        const int limit = 5;
        const int perReplica = 15;
        // A window far longer than the test, so it cannot reopen mid-burst on a slow machine.
        var settings = new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "5", ["RateLimiting:Window"] = "00:30:00" };
        await using var first = new ChatApiHost(environment, settings);
        await using var second = new ChatApiHost(environment, settings);
        var user = ChatClient.NewUserId("race");
        using var a = first.CreateClient().As(user);
        using var b = second.CreateClient().As(user);
        await first.WarmUpRedisAsync();
        await second.WarmUpRedisAsync();

        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, perReplica * 2).Select(async i =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? a : b).PostChatAsync($"Race question {i}: what is my card limit?");
        }).ToList();
        start.Release(requests.Count);
        var responses = await Task.WhenAll(requests);

        try
        {
            var answered = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(limit, answered);
            Assert.Equal(perReplica * 2 - limit, refused.Count);
            Assert.Equal(limit, first.ModelTraffic.ChatBodies.Count + second.ModelTraffic.ChatBodies.Count);
            foreach (var response in refused)
            {
                var problem = await response.AssertProblemAsync(429);
                Assert.Contains("At most 5 chat requests", problem.GetProperty("detail").GetString());
                var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
                Assert.InRange(retryAfter, 1, 30 * 60);
            }

            // Every refusal is counted as rate_limited. Both hosts' meters share the name ChatApi in one process, so
            // either host's exporter sees the refusals of both replicas.
            Assert.Equal(refused.Count, RateLimitedRequests(first));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task ConcurrentStreamLimitHoldsAcrossTwoReplicasAndFreesOnEitherWhenAStreamEnds()
    {
        const int limit = 2;
        // Every stream stalls after its first token until the model server is healed, so admitted streams stay open.
        await environment.ModelServer.SetFaultAsync("slow-stream", new { afterTokens = 1 });
        var settings = new Dictionary<string, string?> { ["RateLimiting:MaxConcurrentStreamsPerUser"] = "2" };
        await using var first = new ChatApiHost(environment, settings);
        await using var second = new ChatApiHost(environment, settings);
        var user = ChatClient.NewUserId("streams-race");
        using var a = first.CreateKestrelClient().As(user);
        using var b = second.CreateKestrelClient().As(user);
        await first.WarmUpRedisAsync();
        await second.WarmUpRedisAsync();

        using var start = new SemaphoreSlim(0);
        var opens = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? a : b).PostStreamAsync($"Long question {i}");
        }).ToList();
        start.Release(opens.Count);
        var responses = await Task.WhenAll(opens);

        try
        {
            var open = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
            Assert.InRange(open.Count, 1, limit);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                var problem = await refused.AssertProblemAsync(429);
                Assert.Contains("streams may be open at once", problem.GetProperty("detail").GetString());
            }

            // Fill the limit if the race left a permit unused; then neither replica admits another.
            while (open.Count < limit)
            {
                var more = await b.PostStreamAsync("One more long question");
                Assert.Equal(HttpStatusCode.OK, more.StatusCode);
                open.Add(more);
            }

            using (var overFirst = await a.PostStreamAsync("Over the limit on the first replica"))
            {
                await overFirst.AssertProblemAsync(429);
            }

            using (var overSecond = await b.PostStreamAsync("Over the limit on the second replica"))
            {
                await overSecond.AssertProblemAsync(429);
            }

            // The streams end (healed), their permits are released, and the other replica admits a new stream.
            await environment.ModelServer.HealAsync();
            foreach (var response in open)
            {
                await response.ReadAllEventsAsync();
            }

            await WaitUntilNoPermitsAsync("stream:user:" + user);
            using var after = await a.PostStreamAsync("A new question once the others ended");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            await after.ReadAllEventsAsync();
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task PermitOfAReplicaThatStoppedRenewingLapsesAfterTheLeaseTtl()
    {
        var options = new ChatRateLimitOptions { MaxConcurrentStreamsPerUser = 1, StreamLeaseTtl = TimeSpan.FromSeconds(30) };
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        var breaker = host.Services.GetRequiredService<LlmReference.ServiceDefaults.Cache.CacheCircuitBreaker>();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.Garnet.ConnectionString);
        var start = DateTimeOffset.UtcNow;
        var crashedClock = new FakeTimeProvider(start);
        var survivorClock = new FakeTimeProvider(start);
        var partition = "stream:user:" + ChatClient.NewUserId("lapse");
        using var crashed = new RedisConcurrencyLimiter(partition, new RedisRateLimitContext(redis, crashedClock, breaker, NullLogger<RedisRateLimitContext>.Instance), options);
        using var survivor = new RedisConcurrencyLimiter(partition, new RedisRateLimitContext(redis, survivorClock, breaker, NullLogger<RedisRateLimitContext>.Instance), options);

        // The first replica takes the only permit and then never runs again: no renewal, no release.
        var held = await crashed.AcquireAsync();
        Assert.True(held.IsAcquired);

        survivorClock.Advance(TimeSpan.FromSeconds(29));
        using (var tooEarly = await survivor.AcquireAsync())
        {
            Assert.False(tooEarly.IsAcquired);
        }

        survivorClock.Advance(TimeSpan.FromSeconds(2));
        using var afterTtl = await survivor.AcquireAsync();
        Assert.True(afterTtl.IsAcquired);
    }

    [Fact]
    public async Task APermitThatIsRenewedOutlivesTheLeaseTtl()
    {
        var options = new ChatRateLimitOptions { MaxConcurrentStreamsPerUser = 1, StreamLeaseTtl = TimeSpan.FromSeconds(30) };
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        var breaker = host.Services.GetRequiredService<LlmReference.ServiceDefaults.Cache.CacheCircuitBreaker>();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.Garnet.ConnectionString);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var partition = "stream:user:" + ChatClient.NewUserId("renew");
        using var limiter = new RedisConcurrencyLimiter(partition, new RedisRateLimitContext(redis, clock, breaker, NullLogger<RedisRateLimitContext>.Instance), options);

        var held = await limiter.AcquireAsync();
        Assert.True(held.IsAcquired);
        // Six renewals (every 10 s) carry the permit well past its 30 s lifetime.
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        // Renewals are sent without waiting; a PING on the same connection returns after them.
        await redis.GetDatabase().PingAsync();
        using (var whileHeld = await limiter.AcquireAsync())
        {
            Assert.False(whileHeld.IsAcquired);
        }

        held.Dispose();
        await redis.GetDatabase().PingAsync();
        using var afterRelease = await limiter.AcquireAsync();
        Assert.True(afterRelease.IsAcquired);
    }

    private async Task WaitUntilNoPermitsAsync(string partition)
    {
        // A released permit is removed without waiting for the reply; wait for the removal to land, not for a service answer.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.Garnet.ConnectionString);
        var key = RedisRateLimitContext.KeyPrefix + partition;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await redis.GetDatabase().SortedSetLengthAsync(key) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{key} still holds permits after every stream ended");
            await Task.Delay(50);
        }
    }

    private static long RateLimitedRequests(ChatApiHost host)
    {
        host.FlushTelemetry();
        long count = 0;
        foreach (var metric in host.Metrics.Where(m => m.MeterName == ChatApiTelemetry.Name && m.Name == ChatApiTelemetry.Metrics.Requests))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == ChatApiTelemetry.Tags.Outcome && (string?)tag.Value == ChatApiTelemetry.Outcomes.RateLimited)
                    {
                        count += point.GetSumLong();
                    }
                }
            }
        }

        return count;
    }
}

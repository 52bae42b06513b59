using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// The dashboard's resource commands, executed the way the dashboard executes them (<see cref="ResourceCommandService"/>),
/// each with its effect observed on the running system: on the deployment itself (direct <c>/v1</c> calls, no ChatApi in
/// between), through ChatApi, and on the Resources page's health.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class DashboardCommandTests(AppHostFixture fixture)
{
    /// <summary>What "Inject latency" adds when the dashboard sends no parameters (ModelServer's FaultController).</summary>
    private static readonly TimeSpan DefaultInjectedLatency = TimeSpan.FromSeconds(2);

    /// <summary>The drift features FraudService watches (FraudService's DriftFeature.All).</summary>
    private static readonly string[] DriftFeatures = ["score", "amountUsd", "cardPresent", "isForeign", "merchantRisk", "recentTransactions"];

    private ResourceCommandService Commands => fixture.App.Services.GetRequiredService<ResourceCommandService>();

    [Fact]
    public void EveryModelDeploymentOffersEveryFaultCommand()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();

        foreach (var name in new[] { "model", "model-fallback" })
        {
            var resource = model.Resources.Single(r => r.Name == name);
            var commands = resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ToList();
            Assert.All(ModelFaultCommands.All, c => Assert.Contains(c.Name, commands));
        }

        var fraud = model.Resources.Single(r => r.Name == "fraud").Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ToList();
        Assert.All(FraudSimulationCommands.All, c => Assert.Contains(c.Name, fraud));
    }

    [Fact]
    public async Task InjectLatencyDelaysEveryModelCallBySeconds()
    {
        using var model = new ModelAdmin(fixture, "model-fallback");
        try
        {
            // Baseline in the same test: the fastest of three one-token calls.
            var baseline = TimeSpan.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var (status, elapsed, response) = await model.CompleteAsync();
                response.Dispose();
                Assert.Equal(HttpStatusCode.OK, status);
                baseline = elapsed < baseline ? elapsed : baseline;
            }

            await RunAsync("model-fallback", "fault-latency");

            var faults = await model.GetFaultsAsync();
            Assert.Equal((int)DefaultInjectedLatency.TotalMilliseconds, faults.GetProperty("latency").GetProperty("addedMs").GetInt32());

            // The deployment waits the injected time before it answers: a lower bound no machine speed can beat, and
            // seconds above the baseline, far outside the noise of a one-token call.
            for (var i = 0; i < 2; i++)
            {
                var (status, elapsed, response) = await model.CompleteAsync();
                response.Dispose();
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.True(elapsed >= DefaultInjectedLatency, $"answered in {elapsed} with {DefaultInjectedLatency} injected");
                Assert.True(elapsed >= baseline + (DefaultInjectedLatency / 2), $"answered in {elapsed}, baseline {baseline}");
            }
        }
        finally
        {
            await RunAsync("model-fallback", "fault-heal");
        }
    }

    [Fact]
    public async Task InjectErrorsFailsAboutTheInjectedShareOfModelCalls()
    {
        // The fallback deployment: its request quota (20 per 10 s) leaves room for this many calls.
        using var model = new ModelAdmin(fixture, "model-fallback");
        var statuses = new List<HttpStatusCode>();
        try
        {
            await RunAsync("model-fallback", "fault-errors");
            var errors = (await model.GetFaultsAsync()).GetProperty("errors");
            var rate = errors.GetProperty("rate").GetDouble();
            var injectedStatus = (HttpStatusCode)errors.GetProperty("statusCode").GetInt32();
            Assert.Contains(injectedStatus, new[] { HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable });

            for (var i = 0; i < 40; i++)
            {
                var (status, _, response) = await model.CompleteAsync();
                response.Dispose();
                statuses.Add(status);
            }

            // The deployment's own quota may still answer 429; those calls say nothing about the injected share.
            var judged = statuses.Where(s => s != HttpStatusCode.TooManyRequests).ToList();
            Assert.True(judged.Count >= 30, $"too few calls got past the quota: {Describe(statuses)}");
            Assert.All(judged, s => Assert.Contains(s, new[] { HttpStatusCode.OK, injectedStatus }));

            // Binomial(n, rate): 20 %..80 % of n is more than 3.5 standard deviations either side of 50 % for n >= 30.
            var failed = judged.Count(s => s == injectedStatus);
            Assert.InRange(failed, (int)(judged.Count * (rate - 0.3)), (int)Math.Ceiling(judged.Count * (rate + 0.3)));
        }
        finally
        {
            await RunAsync("model-fallback", "fault-heal");
        }
    }

    [Fact]
    public async Task ChatFailsOverDuringAnOutageAndReturnsToThePrimaryAfterHeal()
    {
        using var model = new ModelAdmin(fixture, "model");
        using var chat = fixture.CreateClient("chatapi", userId: null);

        try
        {
            await RunAsync("model", "fault-outage");

            var (directStatus, _, direct) = await model.CompleteAsync();
            direct.Dispose();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, directStatus);

            // The primary is down: the secondary answers, and the reply says so.
            var failedOver = await ChatCalls.ChatAsync(chat);
            Assert.Equal(HttpStatusCode.OK, failedOver.Status);
            Assert.Equal("model-fallback", failedOver.Body.GetProperty("deployment").GetString());

            // Both down: a clear 503 problem, never a 500.
            await RunAsync("model-fallback", "fault-outage");
            var failed = await ChatCalls.ChatAsync(chat);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
            Assert.False(string.IsNullOrWhiteSpace(failed.Body.GetProperty("detail").GetString()));
        }
        finally
        {
            await RunAsync("model", "fault-heal");
            await RunAsync("model-fallback", "fault-heal");
        }

        await AssertThePrimaryServesAgainAsync(chat);
    }

    [Fact]
    public async Task A429StormIsAnsweredWithRetryAfterAndChatFailsOver()
    {
        using var model = new ModelAdmin(fixture, "model");
        using var chat = fixture.CreateClient("chatapi", userId: null);
        try
        {
            await RunAsync("model", "fault-rate-limit");

            var (status, _, direct) = await model.CompleteAsync();
            using (direct)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, status);
                Assert.Equal(TimeSpan.FromSeconds(10), direct.Headers.RetryAfter?.Delta);
            }

            // ChatApi does not wait out a throttled primary: it moves to the fallback. Were the fallback throttled as
            // well, the client would be told when to come back (429/503 with Retry-After), never given a 500.
            for (var i = 0; i < 3; i++)
            {
                var (chatStatus, body, response) = await ChatCalls.ChatAsync(chat);
                using (response)
                {
                    if (chatStatus == HttpStatusCode.OK)
                    {
                        Assert.Equal("model-fallback", body.GetProperty("deployment").GetString());
                    }
                    else
                    {
                        Assert.Contains(chatStatus, new[] { HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable });
                        Assert.NotNull(response.Headers.RetryAfter);
                    }
                }
            }
        }
        finally
        {
            await RunAsync("model", "fault-heal");
        }

        await AssertThePrimaryServesAgainAsync(chat);
    }

    [Fact]
    public async Task ASlowStreamStallsAndEndsWithAnErrorEvent()
    {
        using var chat = fixture.CreateClient("chatapi", userId: null);
        try
        {
            await RunAsync("model", "fault-slow-stream");
            using var model = new ModelAdmin(fixture, "model");
            Assert.Contains("slow-stream", await model.ActiveFaultsAsync());

            var (response, events) = await ChatCalls.StreamAsync(chat, $"How do I order a new card? ({Guid.NewGuid():N})");
            using (response)
            {
                // The stream started (the stall comes after the first tokens), then nothing came: ChatApi's idle
                // timeout ends it with an error event instead of holding the client forever, and no done event.
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var error = Assert.Single(events, e => e.Type == "error");
                Assert.Same(error, events[^1]);
                Assert.DoesNotContain(events, e => e.Type == "done");
                Assert.Equal((int)HttpStatusCode.GatewayTimeout, error.Data.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(error.Data.GetProperty("detail").GetString()));
                Assert.True(error.At >= AppHostFixture.StreamIdleTimeout, $"error after {error.At}: before the idle timeout, so not a stall");
            }
        }
        finally
        {
            await RunAsync("model", "fault-heal");
        }
    }

    [Fact]
    public async Task HealClearsEveryFault()
    {
        using var model = new ModelAdmin(fixture, "model-fallback");
        try
        {
            await RunAsync("model-fallback", "fault-latency");
            await RunAsync("model-fallback", "fault-outage");
            await RunAsync("model-fallback", "fault-slow-stream");
            Assert.Equal(["latency", "outage", "slow-stream"], (await model.ActiveFaultsAsync()).Order());
            var (down, _, downResponse) = await model.CompleteAsync();
            downResponse.Dispose();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        }
        finally
        {
            await RunAsync("model-fallback", "fault-heal");
        }

        Assert.Empty(await model.ActiveFaultsAsync());
        var (status, elapsed, response) = await model.CompleteAsync();
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(elapsed < DefaultInjectedLatency * 5, $"answered in {elapsed}: well under a stalled call's time");
    }

    [Fact]
    public async Task DriftedTrafficTurnsFraudDegradedNamingTheFeatureAndStopStops()
    {
        using var fraud = fixture.CreateClient("fraud", userId: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        try
        {
            await RunAsync("fraud", "traffic-drift");
            var drifted = await SimulationAsync(fraud);
            Assert.True(drifted.GetProperty("running").GetBoolean());
            Assert.Equal("drifted", drifted.GetProperty("profile").ToString(), ignoreCase: true);

            // The Resources page: the fraud resource's health turns Degraded, and its health report says why.
            var degraded = await fixture.App.ResourceNotifications.WaitForResourceAsync(
                "fraud", e => e.Snapshot.HealthStatus == HealthStatus.Degraded, timeout.Token);
            var description = string.Join("; ", degraded.Snapshot.HealthReports.Select(r => r.Description));
            var named = DriftNamed().Match(description);
            Assert.True(named.Success, $"fraud is Degraded, but its health does not name a drifting feature: {description}");
            Assert.Contains(named.Groups["feature"].Value, DriftFeatures);

            // Stop stops: the scored count, which grew by hundreds a second while running, stands (almost) still.
            var runningGrowth = await GrowthAsync(fraud, TimeSpan.FromSeconds(3));
            await RunAsync("fraud", "traffic-stop");
            Assert.False((await SimulationAsync(fraud)).GetProperty("running").GetBoolean());
            await Task.Delay(TimeSpan.FromSeconds(1));
            var stoppedGrowth = await GrowthAsync(fraud, TimeSpan.FromSeconds(3));
            // Only card-testing bursts already queued (spread over minutes, a few a second at most) may still be scored.
            Assert.True(runningGrowth >= 30, $"the simulator scored only {runningGrowth} in 3 s while running");
            Assert.True(stoppedGrowth * 10 < runningGrowth, $"scored {stoppedGrowth} in 3 s after Stop, {runningGrowth} while running");

            // Baseline traffic washes the drift out of the window: fraud turns Healthy again, by itself.
            await RunAsync("fraud", "traffic-start");
            var baseline = await SimulationAsync(fraud);
            Assert.Equal("baseline", baseline.GetProperty("profile").ToString(), ignoreCase: true);
            await fixture.App.ResourceNotifications.WaitForResourceAsync(
                "fraud", e => e.Snapshot.HealthStatus == HealthStatus.Healthy, timeout.Token);
        }
        finally
        {
            await RunAsync("fraud", "traffic-stop");
        }

        Assert.False((await SimulationAsync(fraud)).GetProperty("running").GetBoolean());
    }

    /// <summary>
    /// After Heal the primary serves again once ChatApi's breakers have cooled down. Until then a turn may be refused
    /// (both breakers may still be open): every answer on the way is a reply or a 503 problem, never a 500, and the
    /// client does not retry, so each one is seen here.
    /// </summary>
    internal static async Task AssertThePrimaryServesAgainAsync(HttpClient chat)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        string? deployment = null;
        while (deployment != "model" && DateTime.UtcNow < deadline)
        {
            var (status, body, response) = await ChatCalls.ChatAsync(chat);
            response.Dispose();
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, status);
            deployment = body.GetProperty("deployment").GetString();
            if (deployment != "model")
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal("model", deployment);
    }

    private async Task RunAsync(string resource, string command)
    {
        var result = await Commands.ExecuteCommandAsync(resource, command, CancellationToken.None);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
    }

    private static async Task<JsonElement> SimulationAsync(HttpClient fraud) =>
        await fraud.GetFromJsonAsync<JsonElement>("/api/fraud/simulation");

    private static async Task<long> GrowthAsync(HttpClient fraud, TimeSpan over)
    {
        var before = (await SimulationAsync(fraud)).GetProperty("scored").GetInt64();
        await Task.Delay(over);
        return (await SimulationAsync(fraud)).GetProperty("scored").GetInt64() - before;
    }

    private static string Describe(IEnumerable<HttpStatusCode> statuses) =>
        string.Join(", ", statuses.GroupBy(s => (int)s).Select(g => $"{g.Count()} x {g.Key}"));

    [GeneratedRegex(@"drift: PSI of (?<feature>\w+) is")]
    private static partial Regex DriftNamed();
}

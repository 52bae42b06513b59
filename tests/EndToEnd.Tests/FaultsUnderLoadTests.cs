using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using LlmReference.LoadGenerator;
using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// The resilience claims under load from the load generator's own engine (<see cref="LoadRun"/>, open model, tens of
/// requests): what its report counts is every response ChatApi sent, since its clients carry no retrying handler.
/// Which deployment answered is not in the load report; direct chat calls and the deployments' request journals show it.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class FaultsUnderLoadTests(AppHostFixture fixture)
{
    [Fact]
    public async Task TwentyPercentModelErrorsAreAbsorbedByRetriesAndFailover()
    {
        using var primary = new ModelAdmin(fixture, "model");
        var started = DateTimeOffset.UtcNow;
        LoadReport report;
        try
        {
            await primary.SetFaultAsync("errors", new { rate = 0.2 });
            Assert.Equal(0.2, (await primary.GetFaultsAsync()).GetProperty("errors").GetProperty("rate").GetDouble());

            // One chat a second: about what the primary's own quotas allow (what they refuse fails over at once).
            report = await RunLoadAsync(rate: 1, count: 30);
        }
        finally
        {
            await HealAsync("model");
        }

        // >= 99.9 % of tens of requests is all of them: nothing reached the client.
        Assert.True(report.Total.Sent == 30, Describe(report));
        Assert.True(report.Total.Errors == 0 && report.Total.Completed == 30, Describe(report));
        Assert.True(report.Total.SuccessRatio >= 0.999, Describe(report));

        // ... although the primary did fail calls: the injected errors happened, ChatApi absorbed them.
        var failures = (await primary.RequestsAsync()).Count(r => IsChatSince(r, started) && r.GetProperty("status").GetInt32() >= 500);
        Assert.True(failures > 0, "the primary failed no call: the fault was not exercised");
    }

    [Fact]
    public async Task DuringAFullPrimaryOutageTheFallbackAnswersEveryChatAndHealBringsTrafficBack()
    {
        using var primary = new ModelAdmin(fixture, "model");
        using var fallback = new ModelAdmin(fixture, "model-fallback");
        using var chat = fixture.CreateClient("chatapi", userId: null);
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        try
        {
            var outage = await commands.ExecuteCommandAsync("model", "fault-outage", CancellationToken.None);
            Assert.True(outage.Success, outage.Message);

            // Until the primary's breaker opens, each chat tries it (with retries) before the fallback answers:
            // slower, but still no error the client sees. The rate stays within what the fallback alone can serve:
            // its token quota (120,000 a minute, each call charged its prompt plus 1,024 reserved output tokens, tool
            // questions twice) runs out above about one chat a second, and then ChatApi rightly answers 503.
            var opening = await RunLoadAsync(rate: 0.8, count: 12);
            Assert.True(opening.Total.Errors == 0 && opening.Total.Completed == 12, Describe(opening));

            // The breaker opens once failures are half of what it sampled (earlier tests' successes count too): then
            // a chat no longer calls the primary at all.
            await WaitForPrimaryBreakerToOpenAsync(primary, chat);

            // Breaker open: under load every chat is answered by the fallback at once, and the primary is left alone
            // but for the breaker's probe after each 15 s cool-down.
            var loadStarted = DateTimeOffset.UtcNow;
            var report = await RunLoadAsync(rate: 0.8, count: 16);
            var primaryCalls = (await primary.RequestsAsync()).Count(r => IsChatSince(r, loadStarted));

            Assert.True(report.Total.Errors == 0 && report.Total.Completed == 16, Describe(report));
            Assert.True(primaryCalls <= 4, $"the primary got {primaryCalls} calls for 16 chats with its breaker open");
            var fallbackAnswers = (await fallback.RequestsAsync()).Count(r => IsChatSince(r, loadStarted) && r.GetProperty("status").GetInt32() == 200);
            Assert.True(fallbackAnswers >= 16, $"the fallback answered {fallbackAnswers} calls for 16 chats");

            var (lastStatus, last, lastResponse) = await ChatCalls.ChatAsync(chat);
            lastResponse.Dispose();
            Assert.Equal(HttpStatusCode.OK, lastStatus);
            Assert.Equal("model-fallback", last.GetProperty("deployment").GetString());
        }
        finally
        {
            await HealAsync("model");
        }

        // After Heal (and the breaker's cool-down) traffic returns to the primary.
        await DashboardCommandTests.AssertThePrimaryServesAgainAsync(chat);
    }

    /// <summary>Chats one at a time until one is answered without any call to the primary (bounded).</summary>
    private static async Task WaitForPrimaryBreakerToOpenAsync(ModelAdmin primary, HttpClient chat)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var sent = DateTimeOffset.UtcNow;
            var (status, body, response) = await ChatCalls.ChatAsync(chat);
            response.Dispose();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("model-fallback", body.GetProperty("deployment").GetString());
            if (!(await primary.RequestsAsync()).Any(r => IsChatSince(r, sent)))
            {
                return;
            }
        }

        Assert.Fail("the primary's breaker did not open within a minute of a full outage");
    }

    private async Task<LoadReport> RunLoadAsync(double rate, long count)
    {
        var options = new LoadRunOptions
        {
            ChatTarget = fixture.App.GetEndpoint("chatapi", "http"),
            FraudTarget = fixture.App.GetEndpoint("fraud", "http"),
            Scenario = ScenarioNames.Chat,
            Rate = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Count = count,
            Duration = TimeSpan.FromSeconds(count / rate) + TimeSpan.FromSeconds(10),
            RequestTimeout = TimeSpan.FromSeconds(60),
            DrainTimeout = TimeSpan.FromSeconds(60),
            // Every message unique: the response cache answers none of them, the model (or its fallback) all.
            Scenarios = new ScenarioSettings { Seed = Random.Shared.Next(), CacheableShare = 0 },
        };
        using var chat = new HttpClient { BaseAddress = options.ChatTarget, Timeout = options.RequestTimeout };
        using var fraud = new HttpClient { BaseAddress = options.FraudTarget, Timeout = options.RequestTimeout };
        var run = new LoadRun(options, new LoadTargets(chat, fraud), TimeProvider.System, NullLogger<LoadRun>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var report = await run.RunAsync(timeout.Token);
        Assert.False(report.Stopped, $"the load run did not finish in time: {Describe(report)}");
        return report;
    }

    private async Task HealAsync(string deployment)
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var healed = await commands.ExecuteCommandAsync(deployment, "fault-heal", CancellationToken.None);
        Assert.True(healed.Success, healed.Message);
    }

    /// <summary>A chat completion the deployment received after <paramref name="start"/> (the journal also keeps other /v1 calls).</summary>
    private static bool IsChatSince(JsonElement request, DateTimeOffset start) =>
        request.GetProperty("timestamp").GetDateTimeOffset() >= start
        && request.GetProperty("path").GetString() == "/v1/chat/completions";

    private static string Describe(LoadReport report) =>
        $"sent {report.Total.Sent}, completed {report.Total.Completed}, errors {report.Total.Errors} " +
        $"(by status: {string.Join(", ", report.Total.ErrorsByStatus.Select(e => $"{e.Key}: {e.Value}"))}; " +
        $"by type: {string.Join(", ", report.Total.ErrorsByType.Select(e => $"{e.Key}: {e.Value}"))}), " +
        $"not sent {report.Total.NotSent}, p99 {report.Total.Latency.P99Ms} ms";
}

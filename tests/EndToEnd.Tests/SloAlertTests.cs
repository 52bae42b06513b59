using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// The SLO burn-rate alerts, evaluated by the real Prometheus the AppHost runs, against real outages injected with the
/// dashboard's fault commands. The fixture runs the AppHost's demo mode: windows compressed 120 times (the page's 1h
/// window lasts 30 s, its 5m window and <c>for:</c> the 4 s minimum, the 6h and 30m windows 3 min and 15 s), scraped
/// and evaluated every second. On an idle machine the page fires about 15 s into a full outage and resolves about
/// 6 s after Heal; the deadlines below leave a loaded machine several times that.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class SloAlertTests(AppHostFixture fixture)
{
    private const string AvailabilityAlert = "ChatApiAvailabilityBudgetBurn";

    private static readonly TimeSpan FireDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ResolveDeadline = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task AvailabilityPagesWhenBothModelDeploymentsAreDownAndResolvesAfterHeal()
    {
        Skip.IfNot(fixture.HasPrometheus, AppHostFixture.PrometheusMissing);
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var prometheus = fixture.CreateClient(PrometheusExtensions.ResourceName);
        using var chat = fixture.CreateClient("chatapi", userId: null);

        await using var traffic = ChatTraffic.Start(chat);
        try
        {
            await RunAsync(commands, "model", "fault-outage");
            await RunAsync(commands, "model-fallback", "fault-outage");

            await WaitUntilAsync(
                async () => await PageStateAsync(prometheus) == "firing",
                FireDeadline,
                () => $"{AvailabilityAlert} (severity page) did not fire within {FireDeadline} of a full outage. Traffic: {traffic}.");
        }
        finally
        {
            await RunAsync(commands, "model", "fault-heal");
            await RunAsync(commands, "model-fallback", "fault-heal");
        }

        // Answered turns refill the short windows with good events; the 5m (compressed) window clears first and ends it.
        var answeredBeforeHeal = traffic.Answered;
        await WaitUntilAsync(
            async () => await PageStateAsync(prometheus) != "firing" && traffic.Answered > answeredBeforeHeal,
            ResolveDeadline,
            () => $"{AvailabilityAlert} (severity page) still firing {ResolveDeadline} after Heal. Traffic: {traffic}.");
    }

    /// <summary>
    /// Without Prometheus: ChatApi's in-process evaluation (its <c>slo</c> readiness check) turns the resource Degraded
    /// on the Resources page, with the burning SLO named in the health report.
    /// </summary>
    [Fact]
    public async Task ChatApiIsDegradedOnTheResourcesPageWhileItsAvailabilityBudgetBurns()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var chat = fixture.CreateClient("chatapi", userId: null);

        await using var traffic = ChatTraffic.Start(chat);
        try
        {
            await RunAsync(commands, "model", "fault-outage");
            await RunAsync(commands, "model-fallback", "fault-outage");

            using var deadline = new CancellationTokenSource(FireDeadline);
            ResourceEvent degraded;
            try
            {
                degraded = await fixture.App.ResourceNotifications.WaitForResourceAsync(
                    "chatapi", e => e.Snapshot.HealthStatus == HealthStatus.Degraded, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"chatapi was not Degraded within {FireDeadline} of a full outage. Traffic: {traffic}.");
            }

            var report = Assert.Single(degraded.Snapshot.HealthReports, r => r.Status == HealthStatus.Degraded);
            Assert.Contains("chatapi-availability", report.Description, StringComparison.Ordinal);
        }
        finally
        {
            await RunAsync(commands, "model", "fault-heal");
            await RunAsync(commands, "model-fallback", "fault-heal");
        }
    }

    [SkippableFact]
    public async Task AvailabilityDoesNotPageWhileTheFallbackAnswersForTheOutagePrimary()
    {
        Skip.IfNot(fixture.HasPrometheus, AppHostFixture.PrometheusMissing);
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var prometheus = fixture.CreateClient(PrometheusExtensions.ResourceName);
        using var chat = fixture.CreateClient("chatapi", userId: null);

        // Another test in this collection may have just burned budget: start once its page is over.
        await WaitUntilAsync(
            async () => await PageStateAsync(prometheus) is null,
            ResolveDeadline,
            () => $"{AvailabilityAlert} (severity page) was still active before the test began.");

        // Long enough for a real burn to page: the page's long window (1h, compressed to 30 s) filled with errors,
        // plus its for: (4 s), plus several scrape and evaluation intervals (1 s each). A full outage pages in
        // about 15 s; 45 s of silence means the failover kept the error ratio down, not that the window was too short.
        var observation = TimeSpan.FromSeconds(45);

        await using var traffic = ChatTraffic.Start(chat);
        try
        {
            await RunAsync(commands, "model", "fault-outage");

            var end = DateTime.UtcNow + observation;
            while (DateTime.UtcNow < end)
            {
                var state = await PageStateAsync(prometheus);
                Assert.True(state != "firing", $"{AvailabilityAlert} (severity page) fired while the fallback was serving. Traffic: {traffic}.");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            await RunAsync(commands, "model", "fault-heal");
        }

        // The scenario really happened: turns flowed and the fallback answered them.
        Assert.True(traffic.AnsweredBy("model-fallback") > 0, $"The fallback answered no turn. Traffic: {traffic}.");
    }

    /// <summary>The page alert's state in Prometheus (<c>pending</c> or <c>firing</c>), or null when inactive.</summary>
    private static async Task<string?> PageStateAsync(HttpClient prometheus)
    {
        var response = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        return response.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("labels") is var labels
                && labels.GetProperty("alertname").GetString() == AvailabilityAlert
                && labels.TryGetProperty("severity", out var severity) && severity.GetString() == "page")
            .Select(a => a.GetProperty("state").GetString())
            .OrderBy(state => state == "firing" ? 0 : 1)
            .FirstOrDefault();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> failure)
    {
        var end = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < end, failure());
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task RunAsync(ResourceCommandService commands, string resource, string command)
    {
        var result = await commands.ExecuteCommandAsync(resource, command, CancellationToken.None);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
    }
}

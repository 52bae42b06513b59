using System.Net;
using System.Text.Json;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// ChatApi's in-process SLO evaluation (<c>GET /slo</c>, the <c>slo</c> readiness check) through real model servers:
/// with every deployment in outage the availability SLO burns far above the page threshold and its budget falls;
/// after healing, successful turns bring the short-window burn rate down. Everything is asserted on counts, which
/// do not depend on how fast the machine is (the whole test runs well inside the 5-minute window).
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class SloTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private const string Availability = "chatapi-availability";

    private readonly ModelServerHost _fallback = new("model-fallback", "bank-assist-small");

    public Task InitializeAsync() => environment.ModelServer.HealAsync();

    public async Task DisposeAsync()
    {
        await environment.ModelServer.HealAsync();
        await _fallback.DisposeAsync();
    }

    [Fact]
    public async Task FullOutageBurnsTheAvailabilityBudgetAndHealingSlowsTheBurn()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>(ChatApiHost.WithFallback(_fallback))
        {
            // Keep the breakers closed, so every turn reaches the model servers and the first turn after healing
            // succeeds: the test counts outcomes, it does not wait out cooldowns.
            ["Llm:Resilience:CircuitBreaker:MinimumThroughput"] = "100000",
        });
        using var client = host.CreateClient();

        await ChatAsync(client, 20, HttpStatusCode.OK, "before");
        var healthy = await AvailabilityAsync(client);
        Assert.Equal("ok", healthy.GetProperty("status").GetString());
        Assert.Equal(0, ShortWindow(healthy).GetProperty("burnRate").GetDouble());

        await environment.ModelServer.SetFaultAsync("outage");
        await _fallback.SetFaultAsync("outage");
        await ChatAsync(client, 20, HttpStatusCode.ServiceUnavailable, "outage");

        var burning = await AvailabilityAsync(client);
        var window = ShortWindow(burning);
        Assert.Equal(40, window.GetProperty("total").GetDouble());
        Assert.Equal(20, window.GetProperty("good").GetDouble());
        var burnDuringOutage = window.GetProperty("burnRate").GetDouble();
        Assert.True(burnDuringOutage > 14.4, $"5m burn rate {burnDuringOutage}");
        Assert.Equal("fast_burn", burning.GetProperty("status").GetString());
        var budgetBefore = Budget(burning);
        Assert.True(budgetBefore < 1, $"budget remaining {budgetBefore}");

        var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement.GetProperty("checks").GetProperty("slo");
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.StartsWith($"{Availability} is burning its error budget fast", health.GetProperty("description").GetString());

        await ChatAsync(client, 10, HttpStatusCode.ServiceUnavailable, "still down");
        var budgetAfter = Budget(await AvailabilityAsync(client));
        Assert.True(budgetAfter < budgetBefore, $"budget went from {budgetBefore} to {budgetAfter}");

        await environment.ModelServer.HealAsync();
        await _fallback.HealAsync();
        await ChatAsync(client, 30, HttpStatusCode.OK, "healed");

        var recovering = ShortWindow(await AvailabilityAsync(client));
        var burnAfterHeal = recovering.GetProperty("burnRate").GetDouble();
        Assert.Equal(80, recovering.GetProperty("total").GetDouble());
        Assert.True(burnAfterHeal < burnDuringOutage, $"5m burn rate went from {burnDuringOutage} to {burnAfterHeal}");
    }

    /// <summary>Sends distinct turns (no retries: each answer is what the service said) and checks each status.</summary>
    private static async Task ChatAsync(HttpClient client, int turns, HttpStatusCode expected, string phase)
    {
        for (var i = 0; i < turns; i++)
        {
            using var response = await client.PostChatAsync($"Question {i} {phase}: what are your opening hours?");
            Assert.True(response.StatusCode == expected, $"{phase} turn {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<JsonElement> AvailabilityAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/slo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("chatapi", report.GetProperty("service").GetString());
        return report.GetProperty("slos").EnumerateArray().Single(s => s.GetProperty("name").GetString() == Availability).Clone();
    }

    private static JsonElement ShortWindow(JsonElement slo) => slo.GetProperty("windows").GetProperty("5m");

    private static double Budget(JsonElement slo) => slo.GetProperty("sinceStart").GetProperty("errorBudgetRemaining").GetDouble();
}

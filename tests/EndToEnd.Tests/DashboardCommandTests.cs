using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.EndToEnd.Tests;

/// <summary>The dashboard's resource commands, executed the way the dashboard executes them.</summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardCommandTests(AppHostFixture fixture)
{
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
    public async Task ChatFailsOverDuringAnOutageAndReturnsToThePrimaryAfterHeal()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var model = fixture.CreateClient("model");
        using var chat = fixture.CreateClient("chatapi");

        try
        {
            await RunAsync(commands, "model", "fault-outage");

            using var direct = await model.PostAsJsonAsync("/v1/chat/completions", new
            {
                model = "bank-assist-large",
                messages = new[] { new { role = "user", content = "hello" } },
            });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, direct.StatusCode);

            // The primary is down: the secondary answers, and the reply says so.
            var failedOver = await ChatAsync(chat);
            Assert.Equal(HttpStatusCode.OK, failedOver.Status);
            Assert.Equal("model-fallback", failedOver.Body.GetProperty("deployment").GetString());

            // Both down: a clear 503 problem, never a 500.
            await RunAsync(commands, "model-fallback", "fault-outage");
            var failed = await ChatAsync(chat);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
            Assert.False(string.IsNullOrWhiteSpace(failed.Body.GetProperty("detail").GetString()));
        }
        finally
        {
            await RunAsync(commands, "model", "fault-heal");
            await RunAsync(commands, "model-fallback", "fault-heal");
        }

        // Healed: the primary serves again once ChatApi's breakers have cooled down. Until then a turn may be refused
        // (both deployments' breakers are still open after the double outage): every answer on the way is either a
        // reply or a 503 problem, never a 500, and the client does not retry, so each one is seen here.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        string? deployment = null;
        while (deployment != "model" && DateTime.UtcNow < deadline)
        {
            var healed = await ChatAsync(chat);
            if (healed.Status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.False(string.IsNullOrWhiteSpace(healed.Body.GetProperty("detail").GetString()));
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, healed.Status);
            deployment = healed.Body.GetProperty("deployment").GetString();
            if (deployment != "model")
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal("model", deployment);
    }

    [Fact]
    public async Task TrafficCommandsStartDriftAndStopTheFraudSimulator()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var fraud = fixture.CreateClient("fraud");

        try
        {
            await RunAsync(commands, "fraud", "traffic-drift");
            var drifted = await fraud.GetFromJsonAsync<JsonElement>("/api/fraud/simulation");
            Assert.True(drifted.GetProperty("running").GetBoolean());
            Assert.Equal("drifted", drifted.GetProperty("profile").ToString(), ignoreCase: true);

            // The simulator really scores traffic through the service.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline
                && (await fraud.GetFromJsonAsync<JsonElement>("/api/fraud/simulation")).GetProperty("scored").GetInt64() == 0)
            {
                await Task.Delay(500);
            }

            Assert.True((await fraud.GetFromJsonAsync<JsonElement>("/api/fraud/simulation")).GetProperty("scored").GetInt64() > 0);
        }
        finally
        {
            await RunAsync(commands, "fraud", "traffic-stop");
        }

        var stopped = await fraud.GetFromJsonAsync<JsonElement>("/api/fraud/simulation");
        Assert.False(stopped.GetProperty("running").GetBoolean());
    }

    private static async Task RunAsync(ResourceCommandService commands, string resource, string command)
    {
        var result = await commands.ExecuteCommandAsync(resource, command, CancellationToken.None);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ChatAsync(HttpClient chat)
    {
        // A distinct message each time, so the response cache cannot answer for the model.
        using var response = await chat.PostAsJsonAsync("/api/chat", new { message = $"What are your fees? ({Guid.NewGuid():N})" });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}

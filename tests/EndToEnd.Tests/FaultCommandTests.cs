using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.EndToEnd.Tests;

/// <summary>The model servers' dashboard commands, executed the way the dashboard executes them.</summary>
[Collection(AppHostCollection.Name)]
public sealed class FaultCommandTests(AppHostFixture fixture)
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
    }

    [Fact]
    public async Task OutageCommandTakesTheModelDownAndHealRestoresIt()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var model = fixture.CreateClient("model");
        using var chat = fixture.CreateClient("chatapi");

        try
        {
            var outage = await commands.ExecuteCommandAsync("model", "fault-outage", CancellationToken.None);
            Assert.True(outage.Success, outage.Message);

            using var direct = await model.PostAsJsonAsync("/v1/chat/completions", new
            {
                model = "bank-assist-large",
                messages = new[] { new { role = "user", content = "hello" } },
            });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, direct.StatusCode);

            // ChatApi turns the outage into a clear 503 problem, not a 500.
            using var failed = await chat.PostAsJsonAsync("/api/chat", new { message = "What are your fees?" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
            var problem = await failed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
        finally
        {
            var heal = await commands.ExecuteCommandAsync("model", "fault-heal", CancellationToken.None);
            Assert.True(heal.Success, heal.Message);
        }

        using var healed = await chat.PostAsJsonAsync("/api/chat", new { message = "What are your fees?" });
        Assert.Equal(HttpStatusCode.OK, healed.StatusCode);
    }
}

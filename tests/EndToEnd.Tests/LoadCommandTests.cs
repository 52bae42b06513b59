using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// The <c>loadgen</c> resource's dashboard commands, executed the way the dashboard executes them: "Steady load" puts
/// real requests on chatapi and fraud, "Stop load" stops them.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class LoadCommandTests(AppHostFixture fixture)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheLoadGeneratorOffersItsCommandsAndIsIdleUntilStarted()
    {
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(LoadGeneratorExtensions.ResourceName).WaitAsync(StartTimeout);
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var commands = model.Resources.Single(r => r.Name == LoadGeneratorExtensions.ResourceName)
            .Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ToList();
        Assert.All(LoadCommands.All, c => Assert.Contains(c.Name, commands));

        using var loadgen = fixture.CreateClient(LoadGeneratorExtensions.ResourceName, userId: null);
        var status = await loadgen.GetFromJsonAsync<JsonElement>("/load");
        Assert.False(status.GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task SteadyLoadReachesTheServicesAndStopStopsIt()
    {
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(LoadGeneratorExtensions.ResourceName).WaitAsync(StartTimeout);
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var loadgen = fixture.CreateClient(LoadGeneratorExtensions.ResourceName, userId: null);

        JsonElement running;
        try
        {
            await RunAsync(commands, "load-steady");

            // Completed requests are 2xx answers from chatapi and fraud: the load reached them through the references.
            running = await WaitForStatusAsync(loadgen, s => s.GetProperty("completed").GetInt64() >= 3, "3 completed requests");
            Assert.True(running.GetProperty("running").GetBoolean());
            Assert.Equal("steady", running.GetProperty("kind").GetString());
            Assert.Equal("mix", running.GetProperty("scenario").GetString());
        }
        finally
        {
            await RunAsync(commands, "load-stop");
        }

        var stopped = await loadgen.GetFromJsonAsync<JsonElement>("/load");
        Assert.False(stopped.GetProperty("running").GetBoolean());
        Assert.Equal(0, stopped.GetProperty("inFlight").GetInt32());
        var report = stopped.GetProperty("lastReport");
        Assert.True(report.GetProperty("stopped").GetBoolean());
        Assert.True(report.GetProperty("total").GetProperty("completed").GetInt64() >= 3);

        // Stopped stays stopped: the counts no longer grow.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var later = await loadgen.GetFromJsonAsync<JsonElement>("/load");
        Assert.False(later.GetProperty("running").GetBoolean());
        Assert.Equal(stopped.GetProperty("sent").GetInt64(), later.GetProperty("sent").GetInt64());
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient loadgen, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var status = await loadgen.GetFromJsonAsync<JsonElement>("/load");
        while (!condition(status))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not seen within a minute: {what}. Last status: {status}");
            await Task.Delay(500);
            status = await loadgen.GetFromJsonAsync<JsonElement>("/load");
        }

        return status;
    }

    private static async Task RunAsync(ResourceCommandService commands, string command)
    {
        var result = await commands.ExecuteCommandAsync(LoadGeneratorExtensions.ResourceName, command, CancellationToken.None);
        Assert.True(result.Success, $"{command} on {LoadGeneratorExtensions.ResourceName}: {result.Message}");
    }
}

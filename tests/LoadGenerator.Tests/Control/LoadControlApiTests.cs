using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.LoadGenerator.Tests.Fakes;

namespace LlmReference.LoadGenerator.Tests.Control;

/// <summary>
/// Serve mode's control API against a real loopback target: runs start, show progress, stop, spike and end by
/// themselves. Rates and durations are small and the assertions count requests, which the open model's timetable
/// fixes whatever the machine's speed (a late request is sent late, not skipped).
/// </summary>
public sealed class LoadControlApiTests
{
    [Fact]
    public async Task SteadyStartsARunWhoseStatusShowsProgressAndStopEndsIt()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target, "LoadHost:SteadyRate=20", "LoadHost:Scenario=fraud-score");

        using var started = await host.Client.PostAsync("load/steady", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.Equal("steady", status.GetProperty("kind").GetString());
        Assert.Equal("fraud-score", status.GetProperty("scenario").GetString());
        Assert.Equal("20/s for 600s", status.GetProperty("schedule").GetString());

        var progress = await host.WaitForAsync(s => s.GetProperty("completed").GetInt64() >= 5, "5 completed requests");
        Assert.True(progress.GetProperty("running").GetBoolean());
        Assert.Equal(0, progress.GetProperty("errors").GetInt64());
        Assert.True(progress.GetProperty("p99Ms").GetDouble() > 0);

        using var stop = await host.Client.PostAsync("load/stop", null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(stopped.GetProperty("running").GetBoolean());
        var report = stopped.GetProperty("lastReport");
        Assert.True(report.GetProperty("stopped").GetBoolean());
        Assert.Equal(stopped.GetProperty("sent").GetInt64(), report.GetProperty("total").GetProperty("sent").GetInt64());
        Assert.Equal(target.Arrivals, report.GetProperty("total").GetProperty("sent").GetInt64());

        // Stopped means stopped: nothing more reaches the target.
        var arrivals = target.Arrivals;
        await Task.Delay(500);
        Assert.Equal(arrivals, target.Arrivals);
    }

    [Fact]
    public async Task StopCancelsRequestsInFlightAndCountsThem()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Hang);
        await using var host = await ControlHost.StartAsync(target, "LoadHost:SteadyRate=10", "LoadHost:Scenario=chat");

        using var started = await host.Client.PostAsync("load/steady", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await host.WaitForAsync(s => s.GetProperty("inFlight").GetInt32() >= 3, "3 requests held by the target");

        using var stop = await host.Client.PostAsync("load/stop", null);
        var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(stopped.GetProperty("running").GetBoolean());
        Assert.Equal(0, stopped.GetProperty("inFlight").GetInt32());
        var total = stopped.GetProperty("lastReport").GetProperty("total");
        var cancelled = total.GetProperty("errorsByType").GetProperty("cancelled").GetInt64();
        Assert.True(cancelled >= 3, $"cancelled {cancelled}");
        Assert.Equal(0, total.GetProperty("completed").GetInt64());
        Assert.Equal(total.GetProperty("sent").GetInt64(), total.GetProperty("errors").GetInt64());
    }

    [Fact]
    public async Task ASpikeRunsAtFiveTimesTheSteadyRateAndEndsByItself()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target,
            "LoadHost:SteadyRate=2", "LoadHost:SpikeDuration=00:00:01", "LoadHost:Scenario=fraud-score");

        using var started = await host.Client.PostAsync("load/spike", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("spike", status.GetProperty("kind").GetString());
        Assert.Equal("10/s for 1s", status.GetProperty("schedule").GetString());

        var ended = await host.WaitForAsync(s => !s.GetProperty("running").GetBoolean(), "the spike ending by itself");
        var total = ended.GetProperty("lastReport").GetProperty("total");
        Assert.False(ended.GetProperty("lastReport").GetProperty("stopped").GetBoolean());
        Assert.Equal(10, total.GetProperty("sent").GetInt64());
        Assert.Equal(10, total.GetProperty("completed").GetInt64());
        Assert.Equal(10, target.Arrivals);
    }

    [Fact]
    public async Task ASpikeDuringASteadyRunReturnsToTheSteadyRate()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target,
            "LoadHost:SteadyRate=2", "LoadHost:SpikeDuration=00:00:01", "LoadHost:Scenario=fraud-score");
        using var steady = await host.Client.PostAsync("load/steady", null);
        Assert.Equal(HttpStatusCode.Accepted, steady.StatusCode);

        using var spike = await host.Client.PostAsync("load/spike", null);
        Assert.Equal(HttpStatusCode.Accepted, spike.StatusCode);
        var spiking = await spike.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("spike", spiking.GetProperty("kind").GetString());
        Assert.StartsWith("10/s for 1s, 2/s for ", spiking.GetProperty("schedule").GetString());

        // After the spike the same run goes on at the steady rate.
        var back = await host.WaitForAsync(s => s.GetProperty("rate").GetDouble() == 2, "the rate back at 2/s");
        Assert.True(back.GetProperty("running").GetBoolean());
        Assert.True(back.GetProperty("sent").GetInt64() >= 10, $"sent {back.GetProperty("sent")}");

        using var stop = await host.Client.PostAsync("load/stop", null);
        Assert.False((await stop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task ASecondStartIsRefusedWithAConflictAndTheFirstRunGoesOn()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target, "LoadHost:SteadyRate=2", "LoadHost:Scenario=fraud-score");
        using var first = await host.Client.PostAsync("load/steady", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await host.Client.PostAsync("load/steady?rate=50", null);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("/load/stop", problem.GetProperty("detail").GetString());
        var status = await host.StatusAsync();
        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.Equal("2/s for 600s", status.GetProperty("schedule").GetString());

        // A spike on a spike is refused too; a spike on a steady run is not (previous test).
        using var spike = await host.Client.PostAsync("load/spike", null);
        Assert.Equal(HttpStatusCode.Accepted, spike.StatusCode);
        using var secondSpike = await host.Client.PostAsync("load/spike", null);
        Assert.Equal(HttpStatusCode.Conflict, secondSpike.StatusCode);

        await host.Client.PostAsync("load/stop", null);
    }

    [Theory]
    [InlineData("rate=abc", "'rate'")]
    [InlineData("rate=0", "'rate'")]
    [InlineData("duration=2h", "'duration'")]
    [InlineData("duration=soon", "'duration'")]
    [InlineData("scenario=everything", "'scenario'")]
    public async Task BadInputIsABadRequestProblemNamingTheParameter(string query, string named)
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target);

        using var response = await host.Client.PostAsync($"load/steady?{query}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.False((await host.StatusAsync()).GetProperty("running").GetBoolean());
        Assert.Equal(0, target.Arrivals);
    }

    [Fact]
    public async Task StopWithNothingRunningIsANoOp()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(target);

        using var stop = await host.Client.PostAsync("load/stop", null);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var status = await stop.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("kind").ValueKind);
    }

    [Fact]
    public async Task FraudRequestsCarryTheConfiguredApiKey()
    {
        await using var target = await LoopbackTarget.StartAsync(TargetBehaviour.Answer);
        await using var host = await ControlHost.StartAsync(
            target, "LoadHost:SteadyRate=20", "LoadHost:Scenario=fraud-score", "LoadHost:FraudApiKey=loadgen-test-key-123456");

        using var started = await host.Client.PostAsync("load/steady", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await host.WaitForAsync(s => s.GetProperty("completed").GetInt64() >= 3, "3 completed requests");
        using var stop = await host.Client.PostAsync("load/stop", null);

        Assert.NotEmpty(target.FraudApiKeys);
        Assert.All(target.FraudApiKeys, key => Assert.Equal("loadgen-test-key-123456", key));
    }
}

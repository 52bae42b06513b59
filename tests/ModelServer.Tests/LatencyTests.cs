using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmReference.ModelServer.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenAI.Chat;

namespace LlmReference.ModelServer.Tests;

/// <summary>The one server with a real latency model: 300 ± 50 ms to first token, then 40 tokens/s ± 10 %.</summary>
public sealed class PacedServerFactory() : ModelServerFactory(Profile)
{
    public static Dictionary<string, string?> Profile => new()
    {
        [$"ModelServer:Models:{LargeModel}:TimeToFirstTokenMs"] = "300",
        [$"ModelServer:Models:{LargeModel}:TimeToFirstTokenJitterMs"] = "50",
        [$"ModelServer:Models:{LargeModel}:TokensPerSecond"] = "40",
        [$"ModelServer:Models:{LargeModel}:TokensPerSecondJitter"] = "0.1",
    };
}

/// <summary>The same latency profile on a <see cref="VirtualClock"/>: the server's pacing, free of this machine's speed.</summary>
public sealed class VirtualClockPacedServerFactory() : ModelServerFactory(PacedServerFactory.Profile)
{
    internal VirtualClock Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// The latency model, proven in two halves. On a virtual clock the server's own figures (its time-to-first-token and
/// time-per-output-token metrics) must match the profile exactly, since computing takes no time on that clock. On the
/// real clock only what no machine can beat is asserted: a slow machine makes a stream slower, never faster, so the
/// bounds are lower bounds on time (and upper bounds on rate), none about how quickly this machine keeps up.
/// </summary>
public sealed class LatencyTests(PacedServerFactory paced, VirtualClockPacedServerFactory virtualClock)
    : IClassFixture<PacedServerFactory>, IClassFixture<VirtualClockPacedServerFactory>
{
    [Fact]
    public async Task TheServerPacesAStreamByItsProfile()
    {
        var meters = virtualClock.Services.GetRequiredService<IMeterFactory>();
        using var ttft = new MetricCollector<double>(meters, ModelServerTelemetry.Name, ModelServerTelemetry.Metrics.TimeToFirstToken);
        using var perToken = new MetricCollector<double>(meters, ModelServerTelemetry.Name, ModelServerTelemetry.Metrics.TimePerOutputToken);
        var client = virtualClock.CreateChatClient();

        var tokens = 0;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("How do I freeze my card?")]))
        {
            tokens += update.ContentUpdate.Count;
        }

        // 300 ± 50 ms to the first token, then 40 tokens/s ± 10 %: exactly, on the server's clock.
        Assert.True(tokens > 30, $"only {tokens} tokens");
        Assert.InRange(Assert.Single(ttft.GetMeasurementSnapshot()).Value, 0.250, 0.350);
        Assert.InRange(Assert.Single(perToken.GetMeasurementSnapshot()).Value, 1 / (40 * 1.1), 1 / (40 * 0.9));
    }

    [Fact]
    public async Task AStreamIsNeverFasterThanItsProfile()
    {
        using var ttftCollector = new MetricCollector<double>(
            paced.Services.GetRequiredService<IMeterFactory>(), ModelServerTelemetry.Name, ModelServerTelemetry.Metrics.TimeToFirstToken);
        var client = paced.CreateChatClient();
        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        var last = TimeSpan.Zero;
        var tokens = 0;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("How do I freeze my card?")]))
        {
            if (update.ContentUpdate.Count > 0)
            {
                first ??= clock.Elapsed;
                last = clock.Elapsed;
                tokens += update.ContentUpdate.Count;
            }
        }

        // The waits really happen in real time: the first token no sooner than 250 ms, the rest no faster than
        // 44 tokens/s (a schedule ignored would send everything at once). A busy machine only moves these the safe way.
        var tokensPerSecond = (tokens - 1) / (last - first!.Value).TotalSeconds;
        Assert.True(tokens > 30, $"only {tokens} tokens");
        Assert.True(first.Value >= TimeSpan.FromMilliseconds(250), $"first token after {first.Value}");
        Assert.True(tokensPerSecond <= 40 * 1.1 * 1.25, $"{tokensPerSecond:F1} tokens/s");
        Assert.True(Assert.Single(ttftCollector.GetMeasurementSnapshot()).Value >= 0.250);
    }
}

/// <summary>The <c>model-fallback</c> deployment: same project, the small model's profile.</summary>
public sealed class FallbackDeploymentFactory() : ModelServerFactory(new Dictionary<string, string?>
{
    ["ModelServer:Deployment"] = "model-fallback",
    ["ModelServer:Model"] = "bank-assist-small",
    ["ModelServer:Models:bank-assist-small:TimeToFirstTokenMs"] = "0",
    ["ModelServer:Models:bank-assist-small:TokensPerSecond"] = "0",
});

public sealed class FallbackDeploymentTests(FallbackDeploymentFactory factory) : IClassFixture<FallbackDeploymentFactory>
{
    [Fact]
    public async Task FallbackDeploymentServesTheSmallModelWithItsOwnContextWindow()
    {
        var client = factory.CreateChatClient("bank-assist-small");
        using var http = factory.CreateHttpClient();

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("How do I freeze my card?")]);
        using var tooLong = await ChatRequests.PostAsync(http, ChatRequests.Body(string.Concat(Enumerable.Repeat("card ", 9000)), "bank-assist-small"));
        using var large = await ChatRequests.PostAsync(http, ChatRequests.Body("Hi", ModelServerFactory.LargeModel));

        Assert.Equal("bank-assist-small", completion.Model);
        Assert.Contains("maximum context length is 8192 tokens", (string?)(await ChatRequests.ReadJsonAsync(tooLong))["error"]!["message"]);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, large.StatusCode);
    }
}

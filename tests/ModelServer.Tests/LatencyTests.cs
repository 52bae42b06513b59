using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmReference.ModelServer.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenAI.Chat;

namespace LlmReference.ModelServer.Tests;

/// <summary>The one server with a real latency model: 300 ± 50 ms to first token, then 40 tokens/s ± 10 %.</summary>
public sealed class PacedServerFactory() : ModelServerFactory(new Dictionary<string, string?>
{
    [$"ModelServer:Models:{LargeModel}:TimeToFirstTokenMs"] = "300",
    [$"ModelServer:Models:{LargeModel}:TimeToFirstTokenJitterMs"] = "50",
    [$"ModelServer:Models:{LargeModel}:TokensPerSecond"] = "40",
    [$"ModelServer:Models:{LargeModel}:TokensPerSecondJitter"] = "0.1",
});

/// <summary>Timing-sensitive tests run on their own, after the parallel ones, so other tests' load does not skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}

/// <summary>
/// Behavioural bounds, not a benchmark: the margins allow for a busy 2-core machine, yet fail if the latency model were
/// ignored (everything at once) or applied per chunk twice.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LatencyTests(PacedServerFactory factory) : IClassFixture<PacedServerFactory>
{
    [Fact]
    public async Task StreamedAnswerArrivesWithConfiguredTimeToFirstTokenAndRate()
    {
        using var ttftCollector = new MetricCollector<double>(
            factory.Services.GetRequiredService<IMeterFactory>(), ModelServerTelemetry.Name, ModelServerTelemetry.Metrics.TimeToFirstToken);
        var client = factory.CreateChatClient();
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

        var tokensPerSecond = (tokens - 1) / (last - first!.Value).TotalSeconds;
        Assert.True(tokens > 30, $"only {tokens} tokens");
        Assert.InRange(first.Value.TotalMilliseconds, 240, 1500);
        Assert.InRange(tokensPerSecond, 40 * 0.9 * 0.5, 40 * 1.1 * 2);
        var serverTtft = Assert.Single(ttftCollector.GetMeasurementSnapshot()).Value;
        Assert.InRange(serverTtft, 0.24, 1.5);
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

using System.Net;
using System.Text;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace LlmReference.LoadGenerator.Tests.Scenarios;

public sealed class ScenarioTests
{
    private static readonly ScenarioSettings Settings = new() { Users = 3, LabelDelay = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task AStreamEndingInDoneSucceedsWithItsFirstChunkTime()
    {
        var outcome = await RunStreamAsync("event: delta\ndata: \"Hel\"\n\nevent: delta\ndata: \"lo\"\n\nevent: done\ndata: {}\n\n");

        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.NotNull(outcome.FirstChunkTimestamp);
    }

    [Theory]
    [InlineData("event: delta\ndata: \"Hel\"\n\nevent: error\ndata: {\"error\":\"stalled\"}\n\n")]
    [InlineData("event: delta\ndata: \"Hel\"\n\n")]
    public async Task AStreamWithAnErrorEventOrWithoutDoneIsAStreamError(string body)
    {
        var outcome = await RunStreamAsync(body);

        Assert.Equal(OutcomeKind.StreamError, outcome.Kind);
        Assert.Equal(200, outcome.StatusCode);
    }

    [Fact]
    public async Task AnErrorStatusIsCountedByStatusNotRetried()
    {
        var chat = StubHandler.Client(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), out var handler);
        var scenario = ScenarioFactory.Create(ScenarioNames.Chat, Settings, new LoadTargets(chat, chat), TimeProvider.System);

        var outcome = await scenario.ExecuteAsync(new RequestContext(1, 1), CancellationToken.None);

        Assert.Equal((OutcomeKind.HttpStatus, 503), (outcome.Kind, outcome.StatusCode));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task NothingListeningIsAConnectionError()
    {
        // Port 9 (discard) on loopback: nothing listens there on a normal machine, so the connection is refused.
        var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var scenario = ScenarioFactory.Create(ScenarioNames.FraudScore, Settings, new LoadTargets(client, client), TimeProvider.System);

        var outcome = await scenario.ExecuteAsync(new RequestContext(1, 1), CancellationToken.None);

        Assert.Equal(OutcomeKind.Connection, outcome.Kind);
    }

    [Fact]
    public async Task ChatRequestsCarryAUserFromThePool()
    {
        var chat = StubHandler.Client(_ => Json("{\"sessionId\":\"s\"}"), out var handler);
        var scenario = ScenarioFactory.Create(ScenarioNames.Chat, Settings, new LoadTargets(chat, chat), TimeProvider.System);

        for (var i = 0; i < 30; i++)
        {
            await scenario.ExecuteAsync(new RequestContext(i, 1), CancellationToken.None);
        }

        var users = handler.Requests.Select(r => r.Request.Headers.GetValues(UserPool.Header).Single()).ToHashSet();
        Assert.Equal(["load-user-0001", "load-user-0002", "load-user-0003"], users.Order());
    }

    [Fact]
    public async Task ASessionIsContinuedWithTheIdTheServiceReturned()
    {
        var chat = StubHandler.Client(_ => Json("{\"sessionId\":\"session-42\",\"reply\":\"ok\"}"), out var handler);
        var settings = Settings with { Users = 1 };
        var scenario = ScenarioFactory.Create(ScenarioNames.Session, settings, new LoadTargets(chat, chat), TimeProvider.System);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await scenario.ExecuteAsync(new RequestContext(i, 1), CancellationToken.None)).IsSuccess);
        }

        var bodies = handler.Requests.Select(r => r.Body).ToList();
        Assert.DoesNotContain("sessionId", bodies[0]);
        Assert.All(bodies.Skip(1).Take(3), body => Assert.Contains("\"sessionId\":\"session-42\"", body));
        Assert.DoesNotContain("sessionId", bodies[4]); // 4 turns per session, then a new conversation
    }

    [Fact]
    public async Task LabelsGoOutForScoredTransactionsOnlyOnceTheDelayHasPassed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var fraud = StubHandler.Client(
            request => request.RequestUri!.AbsolutePath.EndsWith("/score") ? Json("{\"transactionId\":\"tx-1\"}") : Json("{}"),
            out var handler,
            "http://localhost:5380/");
        var label = ScenarioFactory.Create(ScenarioNames.FraudLabel, Settings, new LoadTargets(fraud, fraud), time);

        var first = await label.ExecuteAsync(new RequestContext(1, 1), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        var second = await label.ExecuteAsync(new RequestContext(2, 1), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(6));
        var third = await label.ExecuteAsync(new RequestContext(3, 1), CancellationToken.None);

        Assert.Equal([ScenarioNames.FraudScore, ScenarioNames.FraudScore, ScenarioNames.FraudLabel], new[] { first.Scenario, second.Scenario, third.Scenario });
        var labelBody = handler.Requests.Last().Body;
        Assert.Contains("\"transactionId\":\"tx-1\"", labelBody);
        Assert.Contains("\"isFraud\":", labelBody);
    }

    [Fact]
    public async Task ScoredTransactionsAreNeverAheadOfTheClock()
    {
        // Card-testing bursts are generated minutes ahead; FraudService rejects timestamps more than 5 min in the future.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var fraud = StubHandler.Client(_ => Json("{\"transactionId\":\"tx\"}"), out var handler, "http://localhost:5380/");
        var scoring = ScenarioFactory.Create(ScenarioNames.FraudScore, Settings with { Profile = FraudService.Simulation.TrafficProfile.Drifted }, new LoadTargets(fraud, fraud), time);

        for (var i = 0; i < 2000; i++)
        {
            Assert.True((await scoring.ExecuteAsync(new RequestContext(i, 1), CancellationToken.None)).IsSuccess);
            var sent = System.Text.Json.JsonDocument.Parse(handler.Requests.Last().Body).RootElement.GetProperty("timestamp").GetDateTimeOffset();
            Assert.True(sent <= time.GetUtcNow(), $"{sent} is ahead of {time.GetUtcNow()}");
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void TheMixFollowsItsWeightsAndTheSeed()
    {
        var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var settings = Settings with { MixWeights = new Dictionary<string, double> { [ScenarioNames.Chat] = 3, [ScenarioNames.FraudScore] = 1 } };
        var mix = (MixScenario)ScenarioFactory.Create(ScenarioNames.Mix, settings, new LoadTargets(client, client), TimeProvider.System);

        var picks = Enumerable.Range(0, 4000).Select(i => mix.Pick(new RequestContext(i, 1).Random).Name).ToList();
        var again = Enumerable.Range(0, 4000).Select(i => mix.Pick(new RequestContext(i, 1).Random).Name).ToList();

        Assert.Equal(picks, again);
        Assert.InRange(picks.Count(p => p == ScenarioNames.Chat) / 4000.0, 0.70, 0.80);
    }

    [Fact]
    public async Task AMixedRequestCancelledByTheRunIsReportedUnderItsOwnScenario()
    {
        var hanging = new RecordingScenario(TimeProvider.System, cancellationToken => Task.Delay(Timeout.Infinite, cancellationToken));
        var mix = new MixScenario([(hanging, 1.0)]);
        using var stop = new CancellationTokenSource();

        var running = mix.ExecuteAsync(new RequestContext(0, 1), stop.Token);
        await stop.CancelAsync();
        var outcome = await running;

        Assert.Equal(hanging.Name, outcome.Scenario);
        Assert.Equal(OutcomeKind.Cancelled, outcome.Kind);
    }

    [Fact]
    public void TheCacheableShareControlsHowManyMessagesRepeat()
    {
        var catalog = new MessageCatalog(0.2);
        var random = new Random(1);

        var messages = Enumerable.Range(0, 5000).Select(i => catalog.Opening(random, i)).ToList();

        var repeated = messages.GroupBy(m => m).Where(g => g.Count() > 1).Sum(g => g.Count());
        Assert.InRange(repeated / 5000.0, 0.17, 0.23);
    }

    private static async Task<RequestOutcome> RunStreamAsync(string sse)
    {
        var chat = StubHandler.Client(
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(sse, Encoding.UTF8, "text/event-stream") },
            out _);
        var scenario = ScenarioFactory.Create(ScenarioNames.Stream, Settings, new LoadTargets(chat, chat), TimeProvider.System);
        return await scenario.ExecuteAsync(new RequestContext(1, 1), CancellationToken.None);
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

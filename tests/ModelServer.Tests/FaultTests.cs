using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LlmReference.ModelServer.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;

namespace LlmReference.ModelServer.Tests;

/// <summary>Each fault mode through the admin API, and heal. Tests in this class run one at a time and heal before they start.</summary>
public sealed class FaultTests : IClassFixture<ModelServerFactory>, IAsyncLifetime
{
    private readonly ModelServerFactory _factory;
    private readonly HttpClient _admin;
    private readonly HttpClient _client;

    public FaultTests(ModelServerFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
        _client = factory.CreateHttpClient();
    }

    public async Task InitializeAsync() => (await _admin.PostAsync("/admin/faults/heal", null)).EnsureSuccessStatusCode();

    public Task DisposeAsync()
    {
        _admin.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AdminApiRejectsCallsWithoutTheKey()
    {
        using var response = await _client.PostAsync("/admin/faults/outage", null);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/admin/faults") { Headers = { { "X-Admin-Key", "wrong-key-value" } } };
        using var wrongResponse = await _client.SendAsync(wrongKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Empty(await ActiveAsync());
        var logs = _factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Id.Name == "AdminKeyRejected");
        Assert.DoesNotContain(logs, r => r.Message.Contains("wrong-key-value") || r.Message.Contains(ModelServerFactory.AdminKey));
    }

    [Fact]
    public async Task BodylessPostSwitchesTheModeOnWithDefaults()
    {
        using var response = await _admin.PostAsync("/admin/faults/errors", null);

        var state = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(["errors"], state!["active"]!.AsArray().Select(m => (string)m!).ToArray());
        Assert.Equal(0.5, (double)state["errors"]!["rate"]!);
        Assert.Equal(500, (int)state["errors"]!["statusCode"]!);
    }

    [Fact]
    public async Task InvalidParametersAreRejectedWithAProblem()
    {
        using var badRate = await _admin.PostAsJsonAsync("/admin/faults/errors", new { rate = 2.0 });
        using var badStatus = await _admin.PostAsJsonAsync("/admin/faults/errors", new { statusCode = 418 });
        using var unknown = await _admin.PostAsync("/admin/faults/meteor-strike", null);

        Assert.Equal(HttpStatusCode.BadRequest, badRate.StatusCode);
        Assert.Contains("rate", (await badRate.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await ActiveAsync());
    }

    [Fact]
    public async Task OutageFailsEveryV1CallWith503UntilHealed()
    {
        await SetAsync("outage");

        using var chat = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));
        using var models = await _client.GetAsync("/v1/models");
        await HealAsync();
        using var healed = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.Equal("service_unavailable", (string?)(await ChatRequests.ReadJsonAsync(chat))["error"]!["code"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, models.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healed.StatusCode);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ErrorRateOfOneFailsEveryRequestWithTheChosenStatus(int status)
    {
        await SetAsync("errors", new { rate = 1.0, statusCode = status });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal((HttpStatusCode)status, s));
    }

    [Fact]
    public async Task ErrorRateFailsRoughlyThatShareOfRequests()
    {
        await SetAsync("errors", new { rate = 0.5 });

        var failures = 0;
        for (var i = 0; i < 60; i++)
        {
            using var response = await _client.GetAsync("/v1/models");
            failures += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.InRange(failures, 10, 50);
    }

    [Fact]
    public async Task RateLimitStormReturns429WithRetryAfterForTheRequestedCount()
    {
        await SetAsync("rate-limit", new { retryAfterSeconds = 7, requests = 2 });

        using var first = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));
        using var second = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));
        using var third = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal("0", first.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("rate_limit_exceeded", (string?)(await ChatRequests.ReadJsonAsync(first))["error"]!["code"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Empty(await ActiveAsync());
    }

    [Fact]
    public async Task LatencyDelaysEveryResponse()
    {
        await SetAsync("latency", new { addedMs = 400 });
        var clock = Stopwatch.StartNew();

        using var response = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task SlowStreamStallsMidAnswerUntilHealed()
    {
        await SetAsync("slow-stream", new { afterTokens = 3 });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(ChatRequests.Body("How do I freeze my card?", stream: true)),
        };
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        for (var i = 0; i < 3; i++)
        {
            Assert.StartsWith("data: {", await ReadEventAsync(reader));
        }

        var next = ReadEventAsync(reader);
        var stalled = await Task.WhenAny(next, Task.Delay(700)) != next;
        await HealAsync();
        var rest = (await next) + await reader.ReadToEndAsync();

        Assert.True(stalled, "The stream kept going instead of stalling.");
        Assert.EndsWith("data: [DONE]", rest.TrimEnd());
    }

    [Fact]
    public async Task SlowStreamWithStallMsPausesForThatLong()
    {
        await SetAsync("slow-stream", new { afterTokens = 2, stallMs = 500 });
        var clock = Stopwatch.StartNew();

        using var response = await ChatRequests.PostAsync(_client, ChatRequests.Body("How do I freeze my card?", stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(480), $"finished after {clock.Elapsed}");
        Assert.EndsWith("data: [DONE]", body.TrimEnd());
    }

    [Fact]
    public async Task HealClearsEveryModeAndRestoresService()
    {
        await SetAsync("outage");
        await SetAsync("latency", new { addedMs = 10 });
        await SetAsync("errors", new { rate = 1.0 });

        Assert.Equal(3, (await ActiveAsync()).Count);
        await HealAsync();
        using var response = await ChatRequests.PostAsync(_client, ChatRequests.Body("Hi"));

        Assert.Empty(await ActiveAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FaultStateIsExportedAsAGauge()
    {
        var meterFactory = _factory.Services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricCollector<int>(meterFactory, ModelServerTelemetry.Name, ModelServerTelemetry.Metrics.FaultActive);
        using var injections = new MetricCollector<long>(meterFactory, ModelServerTelemetry.Name, ModelServerTelemetry.Metrics.FaultInjections);
        await SetAsync("outage");
        (await _client.GetAsync("/v1/models")).Dispose();

        collector.RecordObservableInstruments();

        var byMode = collector.LastMeasurementsByMode();
        Assert.Equal(1, byMode["outage"]);
        Assert.Equal(0, byMode["latency"]);
        Assert.Equal(5, byMode.Count);
        Assert.Equal("outage", Assert.Single(injections.GetMeasurementSnapshot()).Tags["fault.mode"]);
    }

    private async Task SetAsync(string mode, object? parameters = null)
    {
        using var response = parameters is null
            ? await _admin.PostAsync($"/admin/faults/{mode}", null)
            : await _admin.PostAsJsonAsync($"/admin/faults/{mode}", parameters);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next server-sent event, skipping the blank lines between events.</summary>
    private static async Task<string> ReadEventAsync(StreamReader reader)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync() ?? throw new EndOfStreamException();
            if (line.Length > 0)
            {
                return line;
            }
        }
    }

    private async Task HealAsync() => (await _admin.PostAsync("/admin/faults/heal", null)).EnsureSuccessStatusCode();

    private async Task<List<string>> ActiveAsync() =>
        (await _admin.GetFromJsonAsync<JsonObject>("/admin/faults"))!["active"]!.AsArray().Select(m => (string)m!).ToList();
}

internal static class FaultMetricExtensions
{
    public static Dictionary<string, int> LastMeasurementsByMode(this MetricCollector<int> collector) =>
        collector.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["fault.mode"]!)
            .ToDictionary(g => g.Key, g => g.Last().Value);
}

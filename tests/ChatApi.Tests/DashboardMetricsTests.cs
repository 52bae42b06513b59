using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.ChatApi.Tests.Feedback;
using LlmReference.Slo.Tests;
using LlmReference.TestSupport;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Every raw metric the Grafana dashboards (<c>deploy/grafana/*.json</c>) query is exposed on the services'
/// Prometheus endpoints: real ChatApi, model servers and FraudService, over HTTP, after traffic that exercises each
/// feature a panel shows. The names come from the dashboards' PromQL at test time, so a panel querying a name that no
/// service exports (a typo, a unit suffix the exporter does not add, a renamed instrument) fails here. With Prometheus
/// installed, the queries themselves are also run against what it scraped.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class DashboardMetricsTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    // What Prometheus 2.x sends: the exporter answers OpenMetrics, whose names are the ones the dashboards query.
    private const string PrometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private readonly ModelServerHost _fallback = new("model-fallback", "bank-assist-small");
    private FraudServiceHost _fraud = null!;

    public Task InitializeAsync()
    {
        // Monitoring refreshed every second, precision judged from the first label and drift (PSI, reported only once
        // judged) from the 10th scored transaction, so the quality gauges and the precision-check counter appear within
        // the test.
        _fraud = new FraudServiceHost(environment.Garnet.ConnectionString, new Dictionary<string, string?>
        {
            ["Fraud:Monitoring:RefreshInterval"] = "00:00:01",
            ["Fraud:Monitoring:MinLabelsForHealth"] = "1",
            ["Fraud:Monitoring:MinScoredForDrift"] = "10",
        });
        return environment.ModelServer.HealAsync();
    }

    public async Task DisposeAsync()
    {
        await environment.ModelServer.HealAsync();
        await _fraud.DisposeAsync();
        await _fallback.DisposeAsync();
    }

    [Fact]
    public async Task EveryMetricTheDashboardsAndSloSpecsQueryIsExposedAfterTraffic()
    {
        var wanted = DashboardMetrics();
        AddSloSpecMetrics(wanted);
        Assert.NotEmpty(wanted);

        await using var host = ChatApi();
        using var chat = host.CreateKestrelClient();
        using var fraud = _fraud.CreateKeyedClient();
        await DriveChatTrafficAsync(chat);
        await DriveFraudTrafficAsync(fraud);

        // Observable gauges and the precision check follow FraudService's monitoring refresh: poll briefly.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HashSet<string> exposed;
        List<string> missing;
        do
        {
            // The fallback is this class's own model server: the shared one has lived through every other test's hosts,
            // and an OpenTelemetry MeterProvider never frees the metric slots of instruments whose meters were disposed,
            // so late instruments (the fault gauge) can be past its limit there.
            exposed = [.. await ScrapeAsync(chat), .. await ScrapeAsync(fraud), .. await ScrapeAsync(environment.ModelServer.BaseAddress), .. await ScrapeAsync(_fallback.BaseAddress)];
            missing = [.. wanted.Keys.Where(name => !exposed.Contains(name)).Order(StringComparer.Ordinal)];
            if (missing.Count > 0)
            {
                await Task.Delay(500);
            }
        }
        while (missing.Count > 0 && DateTime.UtcNow < deadline);

        Assert.True(missing.Count == 0, "Dashboards or SLO specs query metrics no service exposes:\n" + string.Join("\n", missing.Select(name =>
            $"  {name} (in {string.Join("; ", wanted[name])}); exposed with the same prefix: "
            + string.Join(", ", exposed.Where(e => e.StartsWith(name.Split('_')[0] + "_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)))));
    }

    /// <summary>
    /// A real Prometheus scrapes the services while the traffic runs twice (a rate needs an increase between two
    /// scrapes); then every query of the dashboards that reads raw series (the SLO overview's recording rules and
    /// alerts are Slo.Tests' business) must return at least one number: label names and matchers are right, not only
    /// metric names.
    /// </summary>
    [SkippableFact]
    public async Task EveryDashboardQueryOverServiceMetricsReturnsNumbersInPrometheus()
    {
        Skip.IfNot(PrometheusServer.IsAvailable, PrometheusServer.SkipReason);
        var queries = GrafanaDashboards.Load().SelectMany(d => d.Queries)
            .Where(q => GrafanaDashboards.MetricNames(q.Expression).All(n => !n.Contains(':', StringComparison.Ordinal) && !GrafanaDashboards.PrometheusSeries.Contains(n)))
            .ToList();
        Assert.True(queries.Count > 20, $"expected the LLM and fraud dashboards' queries, found {queries.Count}");

        await using var host = ChatApi();
        using var chat = host.CreateKestrelClient();
        using var fraud = _fraud.CreateKeyedClient();
        Uri[] targets = [chat.BaseAddress!, _fraud.BaseAddress, environment.ModelServer.BaseAddress, _fallback.BaseAddress];
        await using var prometheus = await PrometheusServer.StartAsync(targets);
        for (var round = 0; round < 2; round++)
        {
            await DriveChatTrafficAsync(chat);
            await DriveFraudTrafficAsync(fraud);
            await prometheus.WaitForScrapesAfterAsync(DateTimeOffset.UtcNow, targets.Length);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<string> empty;
        do
        {
            empty = [];
            foreach (var query in queries)
            {
                var values = await prometheus.QueryAsync(GrafanaDashboards.WithConcreteVariables(query.Expression));
                if (!values.Any(double.IsFinite))
                {
                    empty.Add($"{query.Dashboard} {query.Where}: {query.Expression} -> [{string.Join(", ", values)}]");
                }
            }

            if (empty.Count > 0)
            {
                await Task.Delay(1000);
            }
        }
        while (empty.Count > 0 && DateTime.UtcNow < deadline);

        Assert.True(empty.Count == 0, "Dashboard queries return no number after traffic:\n" + string.Join("\n", empty) + "\nprometheus log:\n" + prometheus.Log);

        // The SLO specs' selectors select series as Prometheus stores them. Prometheus 2.x keeps a bucket's le exactly
        // as scraped, and it scrapes OpenMetrics, which writes le="10.0" where the text format writes le="10": a spec
        // with le="10" would count no good event and page for ever. Totals and histogram buckets must exist after
        // traffic (a counter's good series, e.g. missed precision checks, may rightly not).
        var unmatched = new List<string>();
        foreach (var spec in LlmReference.Slo.SloSpecReader.ReadDirectory(Repository.Path("slo")))
        {
            foreach (var selector in spec.Good.UpperBound is null ? new[] { spec.Total } : [spec.Total, spec.Good])
            {
                var series = await prometheus.QueryAsync($"count({selector})");
                if (!series.Any(v => v > 0))
                {
                    unmatched.Add($"{spec.Name}: {selector}");
                }
            }
        }

        Assert.True(unmatched.Count == 0, "SLO selectors match no series Prometheus scraped:\n" + string.Join("\n", unmatched));
    }

    /// <summary>ChatApi with tools (FraudService), the response cache and the fallback deployment.</summary>
    private ChatApiHost ChatApi() => new(environment, new Dictionary<string, string?>
    {
        ["Tools:Enabled"] = "true",
        ["services:fraud:http:0"] = _fraud.BaseAddress.ToString(),
        ["Tools:FraudApiKey"] = FraudServiceHost.ApiKey,
        ["ResponseCache:Enabled"] = "true",
    }.Concat(ChatApiHost.WithFallback(_fallback)).ToDictionary());

    /// <summary>Raw metric names the dashboards select (not recording rules or Prometheus's own series), with where each is used.</summary>
    private static Dictionary<string, List<string>> DashboardMetrics()
    {
        var wanted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var query in GrafanaDashboards.Load().SelectMany(d => d.Queries))
        {
            foreach (var name in GrafanaDashboards.MetricNames(query.Expression))
            {
                if (!name.Contains(':', StringComparison.Ordinal) && !GrafanaDashboards.PrometheusSeries.Contains(name))
                {
                    (wanted.TryGetValue(name, out var uses) ? uses : wanted[name] = []).Add($"{query.Dashboard} {query.Where}");
                }
            }
        }

        return wanted;
    }

    /// <summary>The good and total series of every SLO in <c>slo/*.yaml</c>: the services must emit exactly what the specs name.</summary>
    private static void AddSloSpecMetrics(Dictionary<string, List<string>> wanted)
    {
        foreach (var spec in LlmReference.Slo.SloSpecReader.ReadDirectory(Repository.Path("slo")))
        {
            foreach (var selector in new[] { spec.Good, spec.Total })
            {
                (wanted.TryGetValue(selector.MetricName, out var uses) ? uses : wanted[selector.MetricName] = []).Add($"SLO {spec.Name}");
            }
        }
    }

    /// <summary>Plain and streamed turns, a cache hit, a tool call, guardrail masking, votes both ways, a failover and an outage.</summary>
    private async Task DriveChatTrafficAsync(HttpClient chat)
    {
        var question = $"What are the fees for an international transfer? ({Guid.NewGuid():N})";
        var first = await chat.ChatAsync(question);
        var cached = await chat.ChatAsync(question);
        Assert.True(cached.Cached, "the repeated first message should be a cache hit");

        using (var stream = await chat.PostStreamAsync($"What are the fees for using my card abroad? ({Guid.NewGuid():N})"))
        {
            Assert.Contains(await stream.ReadAllEventsAsync(), e => e.Type == Chat.ChatStreamEvents.Done);
        }

        await chat.ChatAsync($"Is this payment of 2500 EUR at an electronics shop in Nigeria fraud? I did not make it. ({Guid.NewGuid():N})");
        var masked = await chat.ChatAsync($"My card 4111 1111 1111 1111 was charged twice. ({Guid.NewGuid():N})");
        using (var invalid = await chat.PostChatAsync(""))
        {
            Assert.Equal(400, (int)invalid.StatusCode);
        }

        using (var up = await chat.PostFeedbackAsync(first.ResponseId, "up"))
        {
            up.EnsureSuccessStatusCode();
        }

        using (var down = await chat.PostFeedbackAsync(masked.ResponseId, "down"))
        {
            down.EnsureSuccessStatusCode();
        }

        // The primary down: answered by the fallback (a failover). Both down: a failed turn and a failed model call.
        await environment.ModelServer.SetFaultAsync("outage");
        try
        {
            var failedOver = await chat.ChatAsync($"Is my transfer complete? ({Guid.NewGuid():N})");
            Assert.Equal("model-fallback", failedOver.Deployment);

            await _fallback.SetFaultAsync("outage");
            using var unavailable = await chat.PostChatAsync($"Anyone there? ({Guid.NewGuid():N})");
            Assert.Equal(503, (int)unavailable.StatusCode);
        }
        finally
        {
            await environment.ModelServer.HealAsync();
            await _fallback.HealAsync();
        }
    }

    /// <summary>Ordinary and suspicious transactions scored, then labelled (so precision, recall and FPR are defined).</summary>
    private static async Task DriveFraudTrafficAsync(HttpClient fraud)
    {
        var customer = $"dash-{Guid.NewGuid():N}"[..20];
        var decisions = new List<(string Id, string Decision)>();
        // 12 scored: past the MinScoredForDrift of 10 set above.
        for (var i = 0; i < 6; i++)
        {
            decisions.Add(await ScoreAsync(fraud, customer, 30 + i, "GBP", "grocery", "GB", cardPresent: true, hour: 10));
            decisions.Add(await ScoreAsync(fraud, customer, 4000 + i, "GBP", "crypto", "BR", cardPresent: false, hour: 3));
        }

        Assert.Contains(decisions, d => d.Decision != "approve");
        Assert.Contains(decisions, d => d.Decision == "approve");
        foreach (var (id, decision) in decisions)
        {
            using var label = await fraud.PostAsJsonAsync("/api/fraud/labels", new { transactionId = id, isFraud = decision != "approve" });
            label.EnsureSuccessStatusCode();
        }
    }

    private static async Task<(string Id, string Decision)> ScoreAsync(
        HttpClient fraud, string customer, decimal amount, string currency, string category, string country, bool cardPresent, int hour)
    {
        using var response = await fraud.PostAsJsonAsync("/api/fraud/score", new
        {
            amount,
            currency,
            merchantCategory = category,
            country,
            cardPresent,
            timestamp = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(hour), TimeSpan.Zero),
            customerId = customer,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"score failed with {(int)response.StatusCode}: {body}");
        var score = JsonDocument.Parse(body).RootElement;
        return (score.GetProperty("transactionId").GetString()!, score.GetProperty("decision").GetString()!);
    }

    private static async Task<IEnumerable<string>> ScrapeAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        return await ScrapeAsync(client);
    }

    /// <summary>Sample names on <c>/metrics</c> (e.g. <c>chat_request_duration_seconds_bucket</c>), fetched as Prometheus does.</summary>
    private static async Task<IEnumerable<string>> ScrapeAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Microsoft.Extensions.Hosting.Extensions.MetricsEndpointPath);
        request.Headers.TryAddWithoutValidation("Accept", PrometheusAccept);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /metrics on {client.BaseAddress}: {(int)response.StatusCode} {text}");
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmReference.ServiceDefaults.Slo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace LlmReference.ServiceDefaults.Tests.Slo;

/// <summary>
/// The names the SLO selectors are written against come from the OpenTelemetry Prometheus exporter; these pin the
/// mapping, and the last test checks it against a real scrape so an exporter upgrade that renames things fails here.
/// </summary>
public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("chat.requests", "{request}", PrometheusMetricKind.Counter, "chat_requests_total")]
    [InlineData("llm.cost", "USD", PrometheusMetricKind.Counter, "llm_cost_USD_total")]
    [InlineData("chat.request.duration", "s", PrometheusMetricKind.Histogram, "chat_request_duration_seconds")]
    [InlineData("http.server.request.duration", "s", PrometheusMetricKind.Histogram, "http_server_request_duration_seconds")]
    [InlineData("fraud.monitoring.precision_checks", "{check}", PrometheusMetricKind.Counter, "fraud_monitoring_precision_checks_total")]
    [InlineData("request.seconds", "s", PrometheusMetricKind.Histogram, "request_seconds")]
    [InlineData("seconds.total", "s", PrometheusMetricKind.Counter, "seconds_total")]
    [InlineData("x.total.things", "{x}", PrometheusMetricKind.Counter, "x_total_things_total")]
    [InlineData("hist.total", "s", PrometheusMetricKind.Histogram, "hist_total_seconds")]
    [InlineData("bytes.sent", "By", PrometheusMetricKind.Counter, "bytes_sent_bytes_total")]
    [InlineData("rate.thing", "By/s", PrometheusMetricKind.Counter, "rate_thing_bytes_per_second_total")]
    [InlineData("ms.thing", "ms", PrometheusMetricKind.Histogram, "ms_thing_milliseconds")]
    [InlineData("pct", "%", PrometheusMetricKind.Counter, "pct_percent_total")]
    [InlineData("a..b__c-d", "s", PrometheusMetricKind.Counter, "a_b_c_d_seconds_total")]
    [InlineData("slo.burn_rate", "1", PrometheusMetricKind.Gauge, "slo_burn_rate")]
    [InlineData("slo.error_budget.remaining", "1", PrometheusMetricKind.Gauge, "slo_error_budget_remaining")]
    [InlineData("updown", "{x}", PrometheusMetricKind.Gauge, "updown")]
    [InlineData("plain", null, PrometheusMetricKind.Counter, "plain_total")]
    public void MetricNamesFollowTheExporter(string instrument, string? unit, PrometheusMetricKind kind, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(instrument, unit, kind));

    [Theory]
    [InlineData("chat.streaming", "chat_streaming")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("Weird-Key", "Weird_Key")]
    [InlineData("k..x__y", "k_x__y")]
    [InlineData("9lead", "_9lead")]
    [InlineData("_under", "_under")]
    public void LabelNamesFollowTheExporter(string tagKey, string expected) =>
        Assert.Equal(expected, PrometheusNaming.LabelName(tagKey));

    public static TheoryData<object?, string> LabelValues => new()
    {
        { true, "true" },
        { false, "false" },
        { 200, "200" },
        { -3, "-3" },
        { 12345678901234L, "12345678901234" },
        { 0.5, "0.5" },
        { 0.1, "0.1" },
        { 1e-7, "1e-07" },
        { 1f / 3, "0.3333333432674408" },
        { 'c', "c" },
        { "a\"b", "a\"b" },
        { null, "" },
    };

    [Theory]
    [MemberData(nameof(LabelValues))]
    public void LabelValuesFollowTheExporter(object? tagValue, string expected) =>
        Assert.Equal(expected, PrometheusNaming.LabelValue(tagValue));

    [Fact]
    public async Task EveryMappedNameAppearsInARealScrape()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("Naming").AddPrometheusExporter());
        await using var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        await app.StartAsync();
        using var meter = app.Services.GetRequiredService<IMeterFactory>().Create("Naming");

        var tags = new TagList { { "chat.streaming", true }, { "http.response.status_code", 200 }, { "ratio", 0.1 }, { "tiny", 1e-7 }, { "Weird-Key", "x" }, { "k..x__y", "y" }, { "9lead", "n" } };
        var instruments = new (string Name, string? Unit, PrometheusMetricKind Kind, Action Record)[]
        {
            ("chat.requests", "{request}", PrometheusMetricKind.Counter, () => meter.CreateCounter<long>("chat.requests", "{request}").Add(1, tags)),
            ("llm.cost", "USD", PrometheusMetricKind.Counter, () => meter.CreateCounter<double>("llm.cost", "USD").Add(0.5, tags)),
            ("seconds.total", "s", PrometheusMetricKind.Counter, () => meter.CreateCounter<long>("seconds.total", "s").Add(1, tags)),
            ("bytes.sent", "By", PrometheusMetricKind.Counter, () => meter.CreateCounter<long>("bytes.sent", "By").Add(1, tags)),
            ("request.seconds", "s", PrometheusMetricKind.Histogram, () => meter.CreateHistogram<double>("request.seconds", "s").Record(1, tags)),
            ("hist.total", "s", PrometheusMetricKind.Histogram, () => meter.CreateHistogram<double>("hist.total", "s").Record(1, tags)),
            ("a..b__c-d", "s", PrometheusMetricKind.Counter, () => meter.CreateCounter<long>("a..b__c-d", "s").Add(1, tags)),
            ("rate.thing", "By/s", PrometheusMetricKind.Counter, () => meter.CreateCounter<long>("rate.thing", "By/s").Add(1, tags)),
            ("chat.request.duration", "s", PrometheusMetricKind.Histogram, () => meter.CreateHistogram<double>("chat.request.duration", "s").Record(1, tags)),
            ("ms.thing", "ms", PrometheusMetricKind.Histogram, () => meter.CreateHistogram<double>("ms.thing", "ms").Record(1, tags)),
            ("similarity", "1", PrometheusMetricKind.Histogram, () => meter.CreateHistogram<double>("similarity", "1").Record(1, tags)),
            ("slo.burn_rate", "1", PrometheusMetricKind.Gauge, () => meter.CreateObservableGauge("slo.burn_rate", () => new Measurement<double>(1, tags), "1")),
        };
        foreach (var instrument in instruments)
        {
            instrument.Record();
        }

        var scrape = await app.GetTestClient().GetStringAsync("/metrics");

        var labels = string.Join(",", tags.Select(t => $"{PrometheusNaming.LabelName(t.Key)}=\"{PrometheusNaming.LabelValue(t.Value)}\"").Order(StringComparer.Ordinal));
        foreach (var (name, unit, kind, _) in instruments)
        {
            var family = PrometheusNaming.MetricName(name, unit, kind);
            var series = kind == PrometheusMetricKind.Histogram ? family + "_count" : family;
            var line = scrape.Split('\n').SingleOrDefault(l => l.StartsWith(series + "{", StringComparison.Ordinal));
            Assert.True(line is not null, $"no {series} for instrument {name} ({unit}) in:\n{scrape}");
            var written = line[(line.IndexOf('{', StringComparison.Ordinal) + 1)..line.IndexOf('}', StringComparison.Ordinal)]
                .Replace("otel_scope_name=\"Naming\",", "", StringComparison.Ordinal);
            Assert.Equal(labels, string.Join(",", written.Split(',').Order(StringComparer.Ordinal)));
        }
    }
}

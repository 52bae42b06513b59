using System.Diagnostics.Metrics;
using LlmReference.ServiceDefaults.Slo;
using LlmReference.Slo;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmReference.ServiceDefaults.Tests.Slo;

/// <summary>OpenSLO text for test SLOs of a service named <c>svc</c>, and a monitor over a private meter.</summary>
internal static class TestSlos
{
    public const string Service = "svc";

    /// <summary>Availability over a <c>svc.requests</c> counter tagged <c>outcome</c>, 99 % (budget 1 %).</summary>
    public static string Availability(string name = "svc-availability", double target = 0.99) => Yaml(
        name, target,
        good: "svc_requests_total{outcome=\"success\"}",
        total: "svc_requests_total{outcome!~\"invalid|rate_limited\",job=\"ignored-in-process\"}");

    /// <summary>Latency over a <c>svc.duration</c> histogram (seconds): plain turns within 2.5 s, 99 %.</summary>
    public static string Latency(string name = "svc-latency") => Yaml(
        name, 0.99,
        good: "svc_duration_seconds_bucket{chat_streaming=\"false\",le=\"2.5\"}",
        total: "svc_duration_seconds_count{chat_streaming=\"false\"}");

    public static string Yaml(string name, double target, string good, string total, string service = Service) => $"""
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: {name}
          annotations:
            llmreference/alert: {string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]))}BudgetBurn
        spec:
          service: {service}
          indicator:
            metadata:
              name: {name}-sli
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: '{good}'
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: '{total}'
          timeWindow:
            - duration: 30d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - target: {target.ToString(System.Globalization.CultureInfo.InvariantCulture)}

        """;

    public static SloMonitoringOptions Options() => new()
    {
        Service = Service,
        ShortWindow = TimeSpan.FromMinutes(5),
        LongWindow = TimeSpan.FromHours(1),
        BucketSize = TimeSpan.FromSeconds(10),
        MinimumEvents = 10,
        FastBurnThreshold = 14.4,
    };
}

/// <summary>
/// A started <see cref="SloMonitor"/> over test SLOs, with a fake clock and a meter of its own scope (so tests running
/// in parallel, each with a "svc.requests" counter, never count each other's measurements).
/// </summary>
internal sealed class MonitorFixture : IDisposable
{
    private readonly object _scope = new();

    public MonitorFixture(params string[] yaml)
    {
        Meter = new Meter(new MeterOptions("svc.meter") { Scope = _scope });
        Requests = Meter.CreateCounter<long>("svc.requests", "{request}");
        Duration = Meter.CreateHistogram<double>("svc.duration", "s");
        var specs = yaml.SelectMany(y => SloSpecReader.Read(y, "test.yaml")).ToList();
        Monitor = new SloMonitor(specs, TestSlos.Options(), Time, Logger, _scope);
        Monitor.Start();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));

    public FakeLogger<SloMonitor> Logger { get; } = new();

    public Meter Meter { get; }

    public Counter<long> Requests { get; }

    public Histogram<double> Duration { get; }

    public SloMonitor Monitor { get; }

    /// <summary>Counts requests with the given outcome.</summary>
    public void Add(string outcome, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            Requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public SloResult Evaluate(string slo = "svc-availability") => Monitor.Evaluate().Slos.Single(s => s.Name == slo);

    public IReadOnlyList<string> LoggedEvents() => [.. Logger.Collector.GetSnapshot().Select(r => r.Id.Name!).Where(n => n != "SloSeriesBound")];

    public void Dispose()
    {
        Monitor.Dispose();
        Meter.Dispose();
    }
}

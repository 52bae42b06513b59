using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// A newcomer's trace list shows requests, not the app's own chores, and the logs the app's own lines: with the AppHost idle for a minute, every trace
/// the services export is a request or a failure. Start-up work (Redis warm-up PINGs), health probes and the fraud
/// monitoring refresh (every 2 s here, 15 s by default) run all along and still report their metrics. The services
/// export to an in-test OTLP receiver the way they export to the dashboard (which these tests run without).
/// </summary>
public sealed class IdleTelemetryTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>How long the app sits idle: the minute, long enough for dozens of refreshes and probes.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(60);

    /// <summary>OTLP severity number of Warning.</summary>
    private const int Warning = 13;

    /// <summary>Log categories that are the app's own lines, not library chatter.</summary>
    private static readonly string[] OwnCategories = ["LlmReference.", "Microsoft.Hosting.Lifetime"];

    [Fact]
    public async Task AnIdleAppExportsNoTraceThatIsNotARequestOrAFailure()
    {
        await using var receiver = new OtlpReceiver();
        var dataDirectory = Directory.CreateTempSubdirectory("llmreference-e2e-idle-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--environment=Development", $"--Cache:DataDirectory={dataDirectory}"],
            (options, _) => options.DisableDashboard = true);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }

        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "fraud"))
            .WithEnvironment("Fraud__Monitoring__RefreshInterval", "00:00:02");

        await using var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await app.StartAsync().WaitAsync(StartTimeout);
        foreach (var name in AppHostFixture.Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(StartTimeout);
        }

        await Task.Delay(Idle);

        // Everything exported so far, from the first start-up span to the end of the idle minute.
        var idle = receiver.Spans;
        var chores = idle.GroupBy(s => s.TraceId)
            .Where(trace => !trace.Any(s => s.IsRequest || s.IsError))
            .SelectMany(trace => trace)
            .ToList();
        Assert.True(chores.Count == 0, "Traces that are neither a request nor a failure:\n" + string.Join('\n', chores.Take(20)));

        // Library chatter (StackExchange.Redis connecting, Garnet, HttpClient, ...) is at Warning by default: what the
        // structured logs show at start are the services' own lines and the host's "listening on"/"started".
        var chatter = receiver.Logs
            .Where(l => l.Severity is > 0 and < Warning && !OwnCategories.Any(c => l.Category.StartsWith(c, StringComparison.Ordinal)))
            .ToList();
        Assert.True(chatter.Count == 0, "Library logs below Warning, first of each category:\n" +
            string.Join('\n', chatter.DistinctBy(l => (l.Service, l.Category))));
        Assert.Contains(receiver.Logs, l => l.Service == "fraud" && l.Category.StartsWith("LlmReference.", StringComparison.Ordinal));

        // The chores still ran and are measured: the refresh's gauges and the probes' request durations.
        Assert.True(receiver.HasMetric("fraud", "fraud.monitoring.labelled_transactions"), "no monitoring gauge from fraud");
        Assert.True(receiver.HasMetric("fraud", "http.server.request.duration"), "no request metrics (health probes) from fraud");

        // The export path works, and the same refresh run by a request is part of that request's trace.
        using var client = new HttpClient { BaseAddress = app.GetEndpoint("fraud", "http") };
        var key = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == "fraud-api-key");
        client.DefaultRequestHeaders.Add("X-Api-Key", await key.GetValueAsync(CancellationToken.None));
        using var response = await client.GetAsync("/api/fraud/monitoring");
        response.EnsureSuccessStatusCode();
        var refresh = await WaitForSpanAsync(receiver, s => s.Service == "fraud" && s.Name == "fraud.monitoring.refresh");
        Assert.Contains(receiver.Spans, s => s.TraceId == refresh.TraceId && s.IsRequest && s.Name.Contains("/api/fraud/monitoring", StringComparison.Ordinal));

        await app.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
        TryDelete(dataDirectory);
    }

    /// <summary>Polls the receiver (the state that shows the export), never the request asserted on.</summary>
    private static async Task<ReceivedSpan> WaitForSpanAsync(OtlpReceiver receiver, Func<ReceivedSpan, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (receiver.Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(250, timeout.Token);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A process of the run still holds a file; the OS temp cleaner takes it.
        }
    }
}

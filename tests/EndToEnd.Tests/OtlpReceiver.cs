using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// A minimal OTLP/HTTP (protobuf) receiver on loopback, standing in for the dashboard the tests run without: the
/// services export to it exactly as they export to the dashboard (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, protocol
/// <c>http/protobuf</c>). It keeps the spans' identity, kind and status, and the names of the metrics it was sent.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentDictionary<(string Service, string Metric), bool> _metrics = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreePort()}");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public IReadOnlyList<ReceivedLog> Logs => [.. _logs];

    /// <summary>Whether <paramref name="service"/> exported a metric named <paramref name="metric"/>.</summary>
    public bool HasMetric(string service, string metric) => _metrics.ContainsKey((service, metric));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the pending GetContextAsync.
        }
        catch (ObjectDisposedException)
        {
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            try
            {
                using var buffer = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(buffer);
                switch (context.Request.Url?.AbsolutePath)
                {
                    case "/v1/traces":
                        ReadTraces(buffer.ToArray());
                        break;
                    case "/v1/metrics":
                        ReadMetrics(buffer.ToArray());
                        break;
                    case "/v1/logs":
                        ReadLogs(buffer.ToArray());
                        break;
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            }
            catch (FormatException)
            {
                context.Response.StatusCode = 400;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    // ExportTraceServiceRequest: resource_spans(1) { resource(1) { attributes(1) }, scope_spans(2) { spans(2) } }.
    private void ReadTraces(byte[] body)
    {
        foreach (var resourceSpans in Protobuf.Messages(body, 1))
        {
            var service = ServiceName(resourceSpans);
            foreach (var scopeSpans in Protobuf.Messages(resourceSpans, 2))
            {
                foreach (var span in Protobuf.Messages(scopeSpans, 2))
                {
                    var fields = Protobuf.Fields(span).ToList();
                    var status = fields.FirstOrDefault(f => f.Number == 15).Bytes;
                    _spans.Enqueue(new ReceivedSpan(
                        service,
                        Convert.ToHexStringLower(fields.First(f => f.Number == 1).Bytes.Span),
                        Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Number == 4).Bytes.Span),
                        Protobuf.Text(fields, 5),
                        (int)fields.FirstOrDefault(f => f.Number == 6).Value,
                        status.IsEmpty ? 0 : (int)Protobuf.Fields(status).FirstOrDefault(f => f.Number == 3).Value));
                }
            }
        }
    }

    // ExportMetricsServiceRequest: resource_metrics(1) { resource(1), scope_metrics(2) { metrics(2) { name(1) } } }.
    private void ReadMetrics(byte[] body)
    {
        foreach (var resourceMetrics in Protobuf.Messages(body, 1))
        {
            var service = ServiceName(resourceMetrics);
            foreach (var scopeMetrics in Protobuf.Messages(resourceMetrics, 2))
            {
                foreach (var metric in Protobuf.Messages(scopeMetrics, 2))
                {
                    _metrics[(service, Protobuf.Text([.. Protobuf.Fields(metric)], 1))] = true;
                }
            }
        }
    }

    // ExportLogsServiceRequest: resource_logs(1) { resource(1), scope_logs(2) { scope(1) { name(1) }, log_records(2) {
    // severity_number(2), body(5): AnyValue { string_value(1) } } } }. .NET exports the logger category as the scope name.
    private void ReadLogs(byte[] body)
    {
        foreach (var resourceLogs in Protobuf.Messages(body, 1))
        {
            var service = ServiceName(resourceLogs);
            foreach (var scopeLogs in Protobuf.Messages(resourceLogs, 2))
            {
                var category = Protobuf.Messages(scopeLogs, 1).Select(scope => Protobuf.Text([.. Protobuf.Fields(scope)], 1)).FirstOrDefault() ?? "";
                foreach (var record in Protobuf.Messages(scopeLogs, 2))
                {
                    var fields = Protobuf.Fields(record).ToList();
                    var text = fields.FirstOrDefault(f => f.Number == 5).Bytes is { IsEmpty: false } value
                        ? Protobuf.Text([.. Protobuf.Fields(value)], 1)
                        : "";
                    _logs.Enqueue(new ReceivedLog(service, category, (int)fields.FirstOrDefault(f => f.Number == 2).Value, text));
                }
            }
        }
    }

    // Resource(1) { attributes(1): KeyValue { key(1), value(2): AnyValue { string_value(1) } } }, key service.name.
    private static string ServiceName(ReadOnlyMemory<byte> resourceSignal)
    {
        foreach (var resource in Protobuf.Messages(resourceSignal, 1))
        {
            foreach (var attribute in Protobuf.Messages(resource, 1))
            {
                var fields = Protobuf.Fields(attribute).ToList();
                if (Protobuf.Text(fields, 1) == "service.name")
                {
                    return Protobuf.Text([.. Protobuf.Fields(fields.First(f => f.Number == 2).Bytes)], 1);
                }
            }
        }

        return "";
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>One exported span. <see cref="Kind"/>: OTLP SpanKind (2 server, 3 client, 5 consumer); <see cref="StatusCode"/>: 2 is error.</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string ParentSpanId, string Name, int Kind, int StatusCode)
{
    public bool IsRequest => Kind is 2 or 5;

    public bool IsError => StatusCode == 2;

    public override string ToString() => $"{Service}: {Name} (kind {Kind}, status {StatusCode}, trace {TraceId})";
}

/// <summary>One exported log record. <see cref="Severity"/>: OTLP severity number (9 information, 13 warning).</summary>
public sealed record ReceivedLog(string Service, string Category, int Severity, string Body)
{
    public override string ToString() => $"{Service}: [{Severity}] {Category}: {Body}";
}

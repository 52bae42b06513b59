namespace LlmReference.ModelServer.Admin;

/// <summary>
/// One <c>/v1</c> request as <c>GET /admin/requests</c> reports it. <see cref="TraceId"/>, <see cref="ParentSpanId"/> and
/// <see cref="Traceparent"/> are what arrived in the W3C <c>traceparent</c> header (null without one);
/// <see cref="ServerTraceId"/> is the trace the server recorded the request under.
/// </summary>
internal sealed record RecordedRequest(
    DateTimeOffset Timestamp,
    string Deployment,
    string Method,
    string Path,
    string? Model,
    bool? Stream,
    int Status,
    double DurationMs,
    string? TraceId,
    string? ParentSpanId,
    string? Traceparent,
    string? ServerTraceId);

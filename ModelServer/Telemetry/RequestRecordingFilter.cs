using System.Diagnostics;
using System.Globalization;
using LlmReference.ModelServer.Admin;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Telemetry;

/// <summary>
/// The outermost <c>/v1</c> filter. When a response has completed (so its status is final and a stream has ended) it
/// records the request in the <see cref="RequestJournal"/>, with the caller's <c>traceparent</c> as it arrived, and in
/// <c>gen_ai.server.request.duration</c> with <c>error.type</c> for failures, faults included.
/// </summary>
internal sealed class RequestRecordingFilter(
    RequestJournal journal, ModelServerMetrics metrics, TimeProvider timeProvider, IOptions<ModelServerOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var timestamp = timeProvider.GetUtcNow();
        var request = RequestContext.Start(http, timeProvider.GetTimestamp());
        var traceparent = http.Request.Headers["traceparent"].ToString();
        ActivityContext.TryParse(traceparent, null, out var incoming);
        var serverTraceId = Activity.Current?.TraceId.ToString();

        http.Response.OnCompleted(() =>
        {
            var duration = timeProvider.GetElapsedTime(request.StartTimestamp);
            var status = http.Response.StatusCode;
            journal.Add(new RecordedRequest(
                timestamp,
                options.Value.Deployment,
                http.Request.Method,
                http.Request.Path,
                request.Model,
                request.Stream,
                status,
                duration.TotalMilliseconds,
                incoming.TraceId == default ? null : incoming.TraceId.ToString(),
                incoming.SpanId == default ? null : incoming.SpanId.ToString(),
                string.IsNullOrEmpty(traceparent) ? null : traceparent,
                serverTraceId));

            if (OperationOf(http.Request.Path) is { } operation)
            {
                var errorType = request.ErrorType ?? (status >= 400 ? status.ToString(CultureInfo.InvariantCulture) : null);
                metrics.RecordRequest(operation, request.Model, request.ResponseModel, duration, errorType);
            }

            return Task.CompletedTask;
        });

        return next(context);
    }

    private static string? OperationOf(PathString path) =>
        path.StartsWithSegments("/v1/chat/completions") ? ModelServerTelemetry.Operations.Chat
        : path.StartsWithSegments("/v1/embeddings") ? ModelServerTelemetry.Operations.Embeddings
        : null;
}

using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps background work out of the trace list unless it fails. A root span of background work (a span named in
/// <see cref="BackgroundTraceOptions.RootSpans"/> that has no parent, or a Redis command issued outside any request,
/// such as a warm-up PING) and every span under it are marked not recorded when they start, so the exporter skips them;
/// so is work under a span deliberately left unrecorded in this process (a health probe, whose check may refresh the
/// fraud monitoring report). A span of such a trace that ends with <see cref="ActivityStatusCode.Error"/> is marked
/// recorded again and exported.
/// Spans still run with all their data, so durations, status and the metrics measured alongside are unaffected.
/// </summary>
/// <remarks>
/// A sampler cannot do this: it decides when a span starts, before anyone knows whether it will fail. Must be added
/// before the exporting processor, which drops spans that are not recorded when they end.
/// </remarks>
public sealed class BackgroundTraceFilter(IEnumerable<string> rootSpans) : BaseProcessor<Activity>
{
    private const string BackgroundProperty = "llmreference.background";

    private readonly HashSet<string> _rootSpans = new(rootSpans, StringComparer.Ordinal);

    public override void OnStart(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);

        if (IsBackgroundRoot(data) || data.Parent is { } parent && (parent.GetCustomProperty(BackgroundProperty) is true || !parent.Recorded))
        {
            data.SetCustomProperty(BackgroundProperty, true);
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);

        if (data.Status == ActivityStatusCode.Error && data.GetCustomProperty(BackgroundProperty) is true)
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }

    private bool IsBackgroundRoot(Activity data) =>
        data.Parent is null
        && data.ParentSpanId == default
        && (data.Source.Name == UnrecordedParentRedisFilter.RedisSourceName || _rootSpans.Contains(data.OperationName));
}

using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Dashboard commands on a model server that switch its fault injection through its <c>/admin/faults</c> API,
/// so outages, throttling and slowness can be shown live without touching a terminal.
/// </summary>
public static class ModelFaultCommands
{
    public static readonly IReadOnlyList<DashboardCommand> All =
    [
        new("fault-latency", "/admin/faults/latency", "Inject latency", "Clock", "Adds latency to every model call."),
        new("fault-errors", "/admin/faults/errors", "Inject errors", "ErrorCircle", "Fails a share of model calls with 500/503."),
        new("fault-outage", "/admin/faults/outage", "Full outage", "PlugDisconnected", "Every model call fails with 503 until healed."),
        new("fault-rate-limit", "/admin/faults/rate-limit", "429 storm", "Gauge", "Every model call is throttled with 429 and Retry-After."),
        new("fault-slow-stream", "/admin/faults/slow-stream", "Slow stream", "Pause", "Streams stall mid-answer."),
        new("fault-heal", "/admin/faults/heal", "Heal", "HeartPulse", "Clears every injected fault."),
    ];

    public static IResourceBuilder<ProjectResource> WithFaultCommands(
        this IResourceBuilder<ProjectResource> resource, IResourceBuilder<ParameterResource> adminKey) =>
        resource.WithPostCommands(All, async context =>
        {
            // The admin API is keyed; the key is a secret parameter resolved only when a command runs.
            var key = await adminKey.Resource.GetValueAsync(context.CancellationToken);
            context.Request.Headers.Add("X-Admin-Key", key);
        });
}

using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Dashboard commands on a model server that switch its fault injection through its <c>/admin/faults</c> API,
/// so outages, throttling and slowness can be shown live without touching a terminal.
/// </summary>
public static class ModelFaultCommands
{
    /// <summary>Command name, admin path, label, icon and description of each fault command.</summary>
    public static readonly IReadOnlyList<(string Name, string Path, string DisplayName, string Icon, string Description)> All =
    [
        ("fault-latency", "/admin/faults/latency", "Inject latency", "Clock", "Adds latency to every model call."),
        ("fault-errors", "/admin/faults/errors", "Inject errors", "ErrorCircle", "Fails a share of model calls with 500/503."),
        ("fault-outage", "/admin/faults/outage", "Full outage", "PlugDisconnected", "Every model call fails with 503 until healed."),
        ("fault-rate-limit", "/admin/faults/rate-limit", "429 storm", "Gauge", "Every model call is throttled with 429 and Retry-After."),
        ("fault-slow-stream", "/admin/faults/slow-stream", "Slow stream", "Pause", "Streams stall mid-answer."),
        ("fault-heal", "/admin/faults/heal", "Heal", "HeartPulse", "Clears every injected fault."),
    ];

    public static IResourceBuilder<ProjectResource> WithFaultCommands(
        this IResourceBuilder<ProjectResource> resource, IResourceBuilder<ParameterResource> adminKey)
    {
        foreach (var (name, path, displayName, icon, description) in All)
        {
            resource.WithHttpCommand(
                path,
                displayName,
                endpointName: "http",
                commandName: name,
                commandOptions: new HttpCommandOptions
                {
                    Method = HttpMethod.Post,
                    Description = description,
                    IconName = icon,
                    PrepareRequest = async context =>
                    {
                        var key = await adminKey.Resource.GetValueAsync(context.CancellationToken);
                        context.Request.Headers.Add("X-Admin-Key", key);
                    },
                });
        }

        return resource;
    }
}

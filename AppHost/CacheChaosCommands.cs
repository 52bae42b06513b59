using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Dashboard commands on <c>cache-server</c> that drive its <c>/admin/cache</c> API, so a cache outage can be shown
/// live: pause (the RESP port refuses connections for a minute, then reopens by itself), resume, and flush.
/// </summary>
public static class CacheChaosCommands
{
    public static readonly IReadOnlyList<DashboardCommand> All =
    [
        new("cache-pause", "/admin/cache/pause?seconds=60", "Pause cache", "Pause",
            "Refuses every Redis connection for 60 s (then resumes by itself); no data is lost.",
            "Pause the cache for 60 seconds? Chat sessions, fraud scoring and labels lose their cache until it resumes."),
        new("cache-resume", "/admin/cache/resume", "Resume cache", "Play", "Serves again at once, with the data it held."),
        new("cache-flush", "/admin/cache/flush", "Flush cache", "Delete",
            "Deletes every key (FLUSHALL).",
            "Flush the cache? Every chat session, scored transaction, label window and feedback record is erased for good."),
    ];

    public static IResourceBuilder<ProjectResource> WithCacheChaosCommands(
        this IResourceBuilder<ProjectResource> resource, IResourceBuilder<ParameterResource> adminKey) =>
        resource.WithPostCommands(All, async context =>
        {
            // The admin API is keyed; the key is a secret parameter resolved only when a command runs.
            var key = await adminKey.Resource.GetValueAsync(context.CancellationToken);
            context.Request.Headers.Add("X-Admin-Key", key);
        });
}

using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Leaves Redis spans unrecorded when their parent was deliberately not recorded. Health probes are filtered out of
/// traces, but Aspire runs services with the <c>always_on</c> sampler, so the probe's Redis <c>PING</c> was still
/// sampled and surfaced as an orphan root trace every few seconds, burying real traffic in the dashboard.
/// </summary>
public sealed class UnrecordedParentRedisFilter : BaseProcessor<Activity>
{
    /// <summary>The source Aspire's Redis client integration creates its spans from.</summary>
    public const string RedisSourceName = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    public override void OnStart(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);

        // The Redis spans are created from a parent context, not a parent Activity, so the parent's sampled flag is
        // read from the W3C parent id ("00-{trace}-{span}-{flags}").
        if (data.Source.Name == RedisSourceName
            && data.IdFormat == ActivityIdFormat.W3C
            && data.ParentId is { Length: 55 } parentId
            && parentId.EndsWith("-00", StringComparison.Ordinal))
        {
            data.IsAllDataRequested = false;
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}

namespace Microsoft.Extensions.Hosting;

/// <summary>Which root spans are background work, traced only when they fail (see <see cref="BackgroundTraceFilter"/>).</summary>
public sealed class BackgroundTraceOptions
{
    /// <summary>
    /// Names of spans that start a trace from a timer or at start-up rather than from a request, e.g.
    /// <c>fraud.monitoring.refresh</c>. Redis commands outside any request are always background.
    /// </summary>
    public ISet<string> RootSpans { get; } = new HashSet<string>(StringComparer.Ordinal);
}

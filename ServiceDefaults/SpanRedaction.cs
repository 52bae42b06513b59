using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Rewrites what an ended span carries before any exporter sees it (for example, masks personal data in recorded message
/// content). Register implementations in DI; ServiceDefaults runs them in a processor that sits ahead of every exporter.
/// </summary>
public interface ISpanRedactor
{
    void Redact(Activity span);
}

/// <summary>Runs the registered <see cref="ISpanRedactor"/>s on each ended span; added before the exporters, so ordering is guaranteed.</summary>
internal sealed class SpanRedactionProcessor(IEnumerable<ISpanRedactor> redactors) : BaseProcessor<Activity>
{
    private readonly ISpanRedactor[] _redactors = [.. redactors];

    public override void OnEnd(Activity data)
    {
        foreach (var redactor in _redactors)
        {
            redactor.Redact(data);
        }
    }
}

using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using LlmReference.Slo;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// One SLO selector (good or total) bound to one instrument whose exported series it names: decides per measurement
/// whether the series Prometheus would scrape grows, and by how much.
/// </summary>
/// <remarks>
/// Label rule: a matcher is evaluated against the measurement's tags under their exported names, and against the
/// labels the exporter itself adds (<c>otel_scope_name</c>, <c>otel_scope_version</c>: the instrument's meter), a
/// missing label counting as empty, as in Prometheus. Matchers on target labels that only the scraping Prometheus
/// adds (<c>job</c>, <c>instance</c>) are ignored: in-process there is only one target, this one.
/// </remarks>
internal sealed class SeriesBinding
{
    /// <summary>Labels Prometheus attaches to every scraped series of a target; the service cannot see them.</summary>
    public static readonly IReadOnlySet<string> TargetLabels = new HashSet<string>(StringComparer.Ordinal) { "job", "instance" };

    private readonly LabelMatcher[] _matchers;
    private readonly Dictionary<string, string> _scopeLabels;
    private readonly double _upperBound;
    private readonly bool _countsMeasurements;

    private SeriesBinding(SeriesSelector selector, Instrument instrument, SlidingCounter counter, bool countsMeasurements, double upperBound)
    {
        Counter = counter;
        _countsMeasurements = countsMeasurements;
        _upperBound = upperBound;
        _matchers = [.. selector.Matchers.Where(m => m.Name != "le" && !TargetLabels.Contains(m.Name))];
        _scopeLabels = new Dictionary<string, string>(StringComparer.Ordinal) { ["otel_scope_name"] = instrument.Meter.Name };
        if (!string.IsNullOrEmpty(instrument.Meter.Version))
        {
            _scopeLabels["otel_scope_version"] = instrument.Meter.Version;
        }
    }

    /// <summary>Where selected events are counted.</summary>
    public SlidingCounter Counter { get; }

    /// <summary>
    /// The instrument's advised bucket bounds when this selects a bucket that is not among them: Prometheus then has
    /// no such series and its rules count no good events, while this in-process count would. Null when fine or unknown
    /// (no advice; an OpenTelemetry view may also set bounds of its own).
    /// </summary>
    public IReadOnlyList<double>? MissingBucket(Instrument instrument)
    {
        if (double.IsPositiveInfinity(_upperBound))
        {
            return null;
        }

        IReadOnlyList<double>? bounds = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        return bounds is null || bounds.Contains(_upperBound) ? null : bounds;
    }

    /// <summary>
    /// Binds <paramref name="selector"/> to <paramref name="instrument"/> when it names one of the instrument's exported
    /// series: <c>X_total</c> of a counter (adds each increment), <c>X_count</c> of a histogram (adds one per
    /// measurement) or <c>X_bucket{le="b"}</c> (adds one per measurement at or below b). Null otherwise.
    /// </summary>
    public static SeriesBinding? TryBind(SeriesSelector selector, Instrument instrument, SlidingCounter counter)
    {
        var definition = instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;
        if (definition == typeof(Counter<>)
            && selector.MetricName == PrometheusNaming.MetricName(instrument.Name, instrument.Unit, PrometheusMetricKind.Counter))
        {
            return new SeriesBinding(selector, instrument, counter, countsMeasurements: false, double.PositiveInfinity);
        }

        if (definition != typeof(Histogram<>))
        {
            return null;
        }

        var family = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, PrometheusMetricKind.Histogram);
        if (selector.MetricName == family + "_count")
        {
            return new SeriesBinding(selector, instrument, counter, countsMeasurements: true, double.PositiveInfinity);
        }

        return selector.MetricName == family + "_bucket"
            ? new SeriesBinding(selector, instrument, counter, countsMeasurements: true, selector.UpperBound ?? double.PositiveInfinity)
            : null;
    }

    /// <summary>
    /// Rejects selectors that cannot be evaluated as event counts: anything but <c>*_total</c>, <c>*_count</c> and
    /// <c>*_bucket</c> with one numeric <c>le="…"</c>.
    /// </summary>
    /// <returns>Why the selector is not supported, or null.</returns>
    public static string? Unsupported(SeriesSelector selector)
    {
        var name = selector.MetricName;
        if (name.EndsWith("_bucket", StringComparison.Ordinal))
        {
            return selector.Matchers.Count(m => m.Name == "le") == 1 && selector.UpperBound is not null
                ? null
                : $"'{selector}' must select exactly one bucket with le=\"<number>\" to be counted in-process.";
        }

        return name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal)
            ? null
            : $"'{selector}' is not a counter (*_total) or histogram (*_count, *_bucket) series: it does not count events.";
    }

    /// <summary>How much the selected series grows for this measurement (0 when it is not selected).</summary>
    public double Increment(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (value > _upperBound)
        {
            return 0;
        }

        try
        {
            foreach (var matcher in _matchers)
            {
                if (!matcher.Matches(Label(matcher.Name, tags)))
                {
                    return 0;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // This runs inside the service's own Counter.Add/Histogram.Record: never fail the request over an SLO.
            return 0;
        }

        return _countsMeasurements ? 1 : value;
    }

    private string? Label(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (PrometheusNaming.LabelName(tag.Key) == name)
            {
                return PrometheusNaming.LabelValue(tag.Value);
            }
        }

        return _scopeLabels.GetValueOrDefault(name);
    }
}

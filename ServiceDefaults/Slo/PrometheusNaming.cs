using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>What an instrument becomes in the Prometheus exposition.</summary>
public enum PrometheusMetricKind
{
    /// <summary>A monotonic sum (<see cref="System.Diagnostics.Metrics.Counter{T}"/>): one <c>*_total</c> series.</summary>
    Counter,

    /// <summary>A histogram: <c>*_bucket</c>, <c>*_count</c> and <c>*_sum</c> series.</summary>
    Histogram,

    /// <summary>Gauges and up-down counters: the name alone.</summary>
    Gauge,
}

/// <summary>
/// The names the OpenTelemetry Prometheus exporter (<c>OpenTelemetry.Exporter.Prometheus.AspNetCore</c>
/// 1.20.1-beta.1, text format) gives an instrument, its tags and their values, so that the SLO specs' selectors,
/// written against a scrape of <c>/metrics</c>, can be matched against live measurements in-process.
/// </summary>
/// <remarks>
/// Copied from the exporter's behaviour, not from the specification, and pinned by a test that scrapes a real
/// exporter (<c>PrometheusNamingTests</c>): dots and other invalid characters become one underscore; the unit is
/// appended unless the name already ends with it (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, <c>USD</c> →
/// <c>_USD</c>, <c>1</c> and annotations such as <c>{request}</c> → nothing, and no <c>_ratio</c>); counters end in
/// <c>_total</c>. Label keys keep <c>[A-Za-z0-9_]</c> and turn each run of anything else into one underscore
/// (<c>chat.streaming</c> → <c>chat_streaming</c>); values are written invariantly (<c>true</c>, <c>200</c>, <c>0.5</c>).
/// </remarks>
public static class PrometheusNaming
{
    // Tag keys are a small, fixed set of constants in practice: sanitise each once.
    private static readonly ConcurrentDictionary<string, string> LabelNames = new(StringComparer.Ordinal);

    /// <summary>The exposed metric family name, e.g. <c>chat.request.duration</c> (s, histogram) → <c>chat_request_duration_seconds</c>.</summary>
    public static string MetricName(string instrumentName, string? unit, PrometheusMetricKind kind)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
        var name = SanitizeMetricName(instrumentName);
        if (!string.IsNullOrEmpty(unit))
        {
            // Not repeated when the name already ends with it (request.seconds), or a counter's name ends with it
            // before _total (seconds.total); a name that merely contains it (bytes.sent) still gets it.
            var suffix = UnitSuffix(unit);
            if (!name.EndsWith(suffix, StringComparison.Ordinal)
                && (kind != PrometheusMetricKind.Counter || !name.EndsWith($"{suffix}_total", StringComparison.Ordinal)))
            {
                name = $"{name}_{suffix}";
            }
        }

        if (kind == PrometheusMetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>The label key a tag key is written as, e.g. <c>http.response.status_code</c> → <c>http_response_status_code</c>.</summary>
    public static string LabelName(string tagKey)
    {
        ArgumentNullException.ThrowIfNull(tagKey);
        return LabelNames.GetOrAdd(tagKey, SanitizeLabelName);
    }

    /// <summary>The label value a tag value is written as: <c>true</c>/<c>false</c>, invariant numbers, empty for null.</summary>
    public static string LabelValue(object? tagValue) => tagValue switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => tagValue.ToString() ?? string.Empty,
    };

    private static string FormatDouble(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static string SanitizeMetricName(string name)
    {
        var text = new StringBuilder(name.Length);
        var lastUnderscore = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0 && char.IsAsciiDigit(c))
            {
                // The exporter replaces a leading digit (instrument names cannot start with one anyway).
                text.Append('_');
                lastUnderscore = true;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == ':')
            {
                text.Append(c);
                lastUnderscore = false;
            }
            else if (!lastUnderscore)
            {
                // Runs of anything else, existing underscores included, collapse into one.
                text.Append('_');
                lastUnderscore = true;
            }
        }

        return text.ToString();
    }

    private static string SanitizeLabelName(string key)
    {
        var text = new StringBuilder(key.Length + 1);
        if (key.Length == 0 || char.IsAsciiDigit(key[0]))
        {
            text.Append('_');
        }

        var inRun = false;
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                text.Append(c);
                inRun = false;
            }
            else if (!inRun)
            {
                text.Append('_');
                inRun = true;
            }
        }

        return text.ToString();
    }

    private static string UnitSuffix(string unit)
    {
        // "{request}" is a count of requests: unitless, as is "1".
        var plain = RemoveAnnotations(unit);
        var slash = plain.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 && slash < plain.Length - 1
            ? $"{MapUnit(plain[..slash])}_per_{MapPerUnit(plain[(slash + 1)..])}"
            : MapUnit(plain);
    }

    private static string RemoveAnnotations(string unit)
    {
        var text = new StringBuilder(unit.Length);
        var depth = false;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth = true;
            }
            else if (c == '}' && depth)
            {
                depth = false;
            }
            else if (!depth)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static string MapUnit(string unit) => unit switch
    {
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" or "B" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "TiBy" => "tibibytes",
        "KBy" or "KB" => "kilobytes",
        "MBy" or "MB" => "megabytes",
        "GBy" or "GB" => "gigabytes",
        "TBy" or "TB" => "terabytes",
        "m" => "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "W" => "watts",
        "g" => "grams",
        "Cel" => "celsius",
        "Hz" => "hertz",
        "1" => string.Empty,
        "%" => "percent",
        "$" => "dollars",
        _ => unit,
    };

    private static string MapPerUnit(string unit) => unit switch
    {
        "s" => "second",
        "m" => "minute",
        "h" => "hour",
        "d" => "day",
        "w" => "week",
        "mo" => "month",
        "y" => "year",
        _ => unit,
    };
}

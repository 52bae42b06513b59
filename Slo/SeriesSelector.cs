using System.Text;

namespace LlmReference.Slo;

/// <summary>
/// A Prometheus instant-vector selector such as <c>chat_requests_total{outcome!~"invalid_request|rate_limited"}</c>:
/// the only query form the SLO specs use, so that the same text drives the generated rules and the in-process
/// evaluation (which matches it against the OpenTelemetry instruments the Prometheus exporter would expose).
/// </summary>
public sealed class SeriesSelector
{
    private SeriesSelector(string metricName, IReadOnlyList<LabelMatcher> matchers)
    {
        MetricName = metricName;
        Matchers = matchers;
    }

    /// <summary>The exposed metric name, e.g. <c>chat_requests_total</c> or <c>http_server_request_duration_seconds_bucket</c>.</summary>
    public string MetricName { get; }

    public IReadOnlyList<LabelMatcher> Matchers { get; }

    /// <summary>The histogram bucket bound when this selects a <c>*_bucket</c> series with <c>le="…"</c> (<c>+Inf</c> included).</summary>
    public double? UpperBound =>
        Matchers.FirstOrDefault(m => m is { Name: "le", Operator: "=" }) is { } le ? ParseBound(le.Value) : null;

    private static double? ParseBound(string text) =>
        text == "+Inf" ? double.PositiveInfinity
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bound) ? bound
        : null;

    /// <summary>Parses <c>name</c> or <c>name{label op "value", …}</c>.</summary>
    /// <exception cref="FormatException">The text is not a plain series selector.</exception>
    public static SeriesSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        var i = 0;
        var name = ReadIdentifier(s, ref i, allowColon: true);
        if (name.Length == 0)
        {
            throw new FormatException($"'{text}' does not start with a metric name.");
        }

        var matchers = new List<LabelMatcher>();
        SkipSpace(s, ref i);
        if (i < s.Length && s[i] == '{')
        {
            i++;
            while (true)
            {
                SkipSpace(s, ref i);
                if (i < s.Length && s[i] == '}')
                {
                    i++;
                    break;
                }

                var label = ReadIdentifier(s, ref i, allowColon: false);
                if (label.Length == 0)
                {
                    throw new FormatException($"'{text}': expected a label name at position {i}.");
                }

                SkipSpace(s, ref i);
                var op = ReadOperator(s, ref i) ?? throw new FormatException($"'{text}': expected =, !=, =~ or !~ after '{label}'.");
                SkipSpace(s, ref i);
                var value = ReadString(s, ref i, text);
                matchers.Add(new LabelMatcher(label, op, value));
                SkipSpace(s, ref i);
                if (i < s.Length && s[i] == ',')
                {
                    i++;
                }
                else if (i >= s.Length || s[i] != '}')
                {
                    throw new FormatException($"'{text}': expected ',' or '}}' at position {i}.");
                }
            }
        }

        SkipSpace(s, ref i);
        if (i != s.Length)
        {
            throw new FormatException($"'{text}' is not a plain series selector (unexpected '{s[i..]}'); SLO queries name one counter or histogram series.");
        }

        if (matchers.Any(m => m.Name == "le") && !name.EndsWith("_bucket", StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}': only a *_bucket series has an 'le' label.");
        }

        return new SeriesSelector(name, matchers);
    }

    /// <summary>Whether a series with these labels is selected (labels absent from the set count as empty).</summary>
    public bool Matches(Func<string, string?> labelValue) => Matchers.All(m => m.Matches(labelValue(m.Name)));

    /// <summary>PromQL text of the selector, with extra matchers (e.g. none) appended.</summary>
    public override string ToString()
    {
        if (Matchers.Count == 0)
        {
            return MetricName;
        }

        var text = new StringBuilder(MetricName).Append('{');
        text.AppendJoin(",", Matchers);
        return text.Append('}').ToString();
    }

    private static string ReadIdentifier(string s, ref int i, bool allowColon)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetter(s[i]) || s[i] == '_' || (i > start && char.IsAsciiDigit(s[i])) || (allowColon && s[i] == ':')))
        {
            i++;
        }

        return s[start..i];
    }

    private static string? ReadOperator(string s, ref int i)
    {
        foreach (var op in new[] { "=~", "!~", "!=", "=" })
        {
            if (string.CompareOrdinal(s, i, op, 0, op.Length) == 0)
            {
                i += op.Length;
                return op;
            }
        }

        return null;
    }

    private static string ReadString(string s, ref int i, string text)
    {
        if (i >= s.Length || s[i] is not ('"' or '\''))
        {
            throw new FormatException($"'{text}': expected a quoted label value at position {i}.");
        }

        var quote = s[i++];
        var value = new StringBuilder();
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            value.Append(s[i++]);
        }

        if (i >= s.Length)
        {
            throw new FormatException($"'{text}': unterminated label value.");
        }

        i++;
        return value.ToString();
    }

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }
}

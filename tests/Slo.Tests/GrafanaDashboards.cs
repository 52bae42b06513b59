using System.Text.Json;
using System.Text.RegularExpressions;
using LlmReference.TestSupport;

namespace LlmReference.Slo.Tests;

/// <summary>
/// The Grafana dashboards in <c>deploy/grafana</c> and the PromQL in them, for the tests that check the queries parse
/// (Slo.Tests, with promtool) and that every metric they name is exposed by a running service (ChatApi.Tests, which
/// links this file).
/// </summary>
internal static partial class GrafanaDashboards
{
    /// <summary>Series Prometheus makes itself rather than scraping them from a service.</summary>
    public static readonly IReadOnlySet<string> PrometheusSeries = new HashSet<string>(StringComparer.Ordinal) { "ALERTS", "ALERTS_FOR_STATE" };

    public static string Folder => Repository.Path("deploy", "grafana");

    public static IReadOnlyList<Dashboard> Load()
    {
        var files = Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList();
        return [.. files.Select(file => new Dashboard(System.IO.Path.GetFileName(file), JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone()))];
    }

    /// <summary>
    /// Every metric name an expression selects: recording rules (with a colon, e.g. <c>slo:objective:ratio</c>),
    /// Prometheus's own series (<see cref="PrometheusSeries"/>) and raw metrics as a service exposes them.
    /// Strings, label matchers, ranges, grouping clauses, numbers and calls are stripped; what is left are names.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = WithConcreteVariables(expression);
        text = StringLiteral().Replace(text, " ");
        text = LabelMatchers().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        text = GroupingClause().Replace(text, " ");
        text = NumberOrDuration().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !Keywords.Contains(m.Value) && !text.AsSpan(m.Index + m.Length).TrimStart().StartsWith("("))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The expression as Grafana sends it with every variable at "All": interval variables (<c>$__rate_interval</c>,
    /// <c>$__range</c>) become <c>5m</c>, the others (used in regex label matchers) their all-value <c>.*</c>.
    /// </summary>
    public static string WithConcreteVariables(string expression) =>
        Variable().Replace(expression, m => m.Groups["name"].Value.StartsWith("__", StringComparison.Ordinal) ? "5m" : ".*");

    /// <summary>Where an expression comes from, for failure messages.</summary>
    public sealed record Query(string Dashboard, string Where, string Expression);

    public sealed record Dashboard(string File, JsonElement Json)
    {
        public string Title => Json.GetProperty("title").GetString() ?? "";

        /// <summary>Every panel, those inside collapsed rows included.</summary>
        public IEnumerable<JsonElement> Panels => Flatten(Json.TryGetProperty("panels", out var panels) ? panels : default);

        /// <summary>
        /// Panel targets' and annotations' <c>expr</c>, and query variables' queries (of <c>label_values(selector, label)</c>,
        /// the selector).
        /// </summary>
        public IEnumerable<Query> Queries
        {
            get
            {
                foreach (var panel in Panels)
                {
                    if (!panel.TryGetProperty("targets", out var targets))
                    {
                        continue;
                    }

                    foreach (var target in targets.EnumerateArray())
                    {
                        if (target.TryGetProperty("expr", out var expr) && expr.GetString() is { Length: > 0 } text)
                        {
                            yield return new Query(File, $"panel \"{panel.GetProperty("title").GetString()}\" target {target.GetProperty("refId").GetString()}", text);
                        }
                    }
                }

                foreach (var annotation in List("annotations"))
                {
                    if (annotation.TryGetProperty("expr", out var expr) && expr.GetString() is { Length: > 0 } text)
                    {
                        yield return new Query(File, $"annotation \"{annotation.GetProperty("name").GetString()}\"", text);
                    }
                }

                foreach (var variable in List("templating").Where(v => v.GetProperty("type").GetString() == "query"))
                {
                    var query = variable.GetProperty("query");
                    var text = query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!;
                    var labelValues = LabelValues().Match(text);
                    yield return new Query(File, $"variable ${variable.GetProperty("name").GetString()}",
                        labelValues.Success ? labelValues.Groups["selector"].Value : QueryResult().Match(text) is { Success: true } result ? result.Groups["expr"].Value : text);
                }
            }
        }

        /// <summary>The <c>list</c> of a dashboard's <c>annotations</c> or <c>templating</c>.</summary>
        public IEnumerable<JsonElement> List(string section) =>
            Json.TryGetProperty(section, out var value) && value.TryGetProperty("list", out var list) ? list.EnumerateArray() : [];

        private static IEnumerable<JsonElement> Flatten(JsonElement panels)
        {
            if (panels.ValueKind != JsonValueKind.Array)
            {
                yield break;
            }

            foreach (var panel in panels.EnumerateArray())
            {
                yield return panel;
                foreach (var inner in Flatten(panel.TryGetProperty("panels", out var nested) ? nested : default))
                {
                    yield return inner;
                }
            }
        }
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "atan2", "inf", "nan",
    };

    // $name, ${name} and ${name:format}: Grafana's variable syntaxes.
    [GeneratedRegex(@"\$\{(?<name>\w+)(?::[^}]*)?\}|\$(?<name>\w+)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex GroupingClause();

    [GeneratedRegex(@"(?<![\w:.])(?:0x[0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:ms|[smhdwy])*)")]
    private static partial Regex NumberOrDuration();

    [GeneratedRegex(@"(?<![\w:])[a-zA-Z_:][\w:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*label_values\(\s*(?<selector>.+?)\s*,\s*\w+\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"^\s*query_result\(\s*(?<expr>.+)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex QueryResult();
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmReference.TestSupport;

namespace LlmReference.Slo.Tests;

/// <summary>
/// The Grafana dashboards in <c>deploy/grafana</c>: importable (a Prometheus data-source input), titled as the runbooks
/// name them, every query valid PromQL (promtool) over recording rules that exist. That every raw metric they name is
/// exposed by a running service is ChatApi.Tests' <c>DashboardMetricsTests</c>.
/// </summary>
public partial class GrafanaDashboardTests
{
    private const string DataSourceUid = "${DS_PROMETHEUS}";

    /// <summary>Dashboard and panel titles the runbooks (docs/runbooks) refer to: renaming one breaks them.</summary>
    public static TheoryData<string, string, string[]> TitlesRunbooksReferTo => new()
    {
        { "slo-overview.json", "LlmReference / SLO overview", ["Error budget remaining (30d)", "Burn rate by window", "SLI error ratio", "Firing SLO alerts", "Objectives"] },
        {
            "llm.json", "LlmReference / LLM",
            ["Chat requests by outcome", "Errors by type", "Tokens in/out", "Cost (USD)", "Time to first chunk", "Turn latency", "Failovers",
             "Response cache hit ratio", "Guardrail decisions", "Feedback (thumbs-up share)"]
        },
        { "fraud-model.json", "LlmReference / Fraud model", ["Scores", "Decisions", "Precision / recall / FPR", "PSI by feature", "Scoring latency", "Precision checks"] },
    };

    [Theory]
    [MemberData(nameof(TitlesRunbooksReferTo))]
    public void DashboardHasTheTitlesRunbooksReferTo(string file, string title, string[] panelTitles)
    {
        var dashboard = Assert.Single(GrafanaDashboards.Load(), d => d.File == file);

        Assert.Equal(title, dashboard.Title);
        var titles = dashboard.Panels.Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.All(panelTitles, expected => Assert.Contains(expected, titles));
    }

    [Fact]
    public void DashboardsImportWithAPrometheusDataSourceInput()
    {
        var dashboards = GrafanaDashboards.Load();
        Assert.True(dashboards.Count >= 3, $"expected the three dashboards in {GrafanaDashboards.Folder}, found {dashboards.Count}");
        Assert.Equal(dashboards.Count, dashboards.Select(d => d.Json.GetProperty("uid").GetString()).Distinct().Count());

        foreach (var dashboard in dashboards)
        {
            var json = dashboard.Json;
            var input = Assert.Single(json.GetProperty("__inputs").EnumerateArray());
            Assert.Equal("DS_PROMETHEUS", input.GetProperty("name").GetString());
            Assert.Equal("datasource", input.GetProperty("type").GetString());
            Assert.Equal("prometheus", input.GetProperty("pluginId").GetString());
            var requires = json.GetProperty("__requires").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
            Assert.Contains("grafana", requires);
            Assert.Contains("prometheus", requires);
            Assert.InRange(json.GetProperty("schemaVersion").GetInt32(), 38, 41);
            Assert.Equal(JsonValueKind.Null, json.GetProperty("id").ValueKind);

            // Every panel type used is declared, so Grafana can say what an import needs.
            var panels = dashboard.Panels.Where(p => p.GetProperty("type").GetString() != "row").ToList();
            Assert.All(panels.Select(p => p.GetProperty("type").GetString()), type => Assert.Contains(type, requires));

            var ids = dashboard.Panels.Select(p => p.GetProperty("id").GetInt32()).ToList();
            Assert.True(ids.Count == ids.Distinct().Count(), $"{dashboard.File}: panel ids repeat: {string.Join(", ", ids)}");

            foreach (var panel in panels)
            {
                var where = $"{dashboard.File} panel \"{panel.GetProperty("title").GetString()}\"";
                Assert.True(panel.TryGetProperty("description", out var description) && description.GetString()!.Length > 40,
                    $"{where} has no description saying what to look for");
                Assert.Equal(DataSourceUid, panel.GetProperty("datasource").GetProperty("uid").GetString());
                var targets = panel.GetProperty("targets").EnumerateArray().ToList();
                Assert.NotEmpty(targets);
                Assert.All(targets, t => Assert.Equal(DataSourceUid, t.GetProperty("datasource").GetProperty("uid").GetString()));
                Assert.Equal(targets.Count, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
            }

            Assert.All(dashboard.List("templating").Where(v => v.GetProperty("type").GetString() == "query"),
                v => Assert.Equal(DataSourceUid, v.GetProperty("datasource").GetProperty("uid").GetString()));
        }
    }

    [SkippableFact]
    public async Task EveryQueryIsValidPromQl()
    {
        Promtool.SkipIfUnavailable();
        var queries = GrafanaDashboards.Load().SelectMany(d => d.Queries).ToList();
        Assert.True(queries.Count > 30, $"expected the dashboards' queries, found {queries.Count}");

        var result = await CheckAsRecordingRulesAsync(queries.Select(q => q.Expression));

        var rejected = RuleName().Matches(result.Output).Select(m => int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)).Distinct()
            .Select(i => $"dashboard:query_{i} is {queries[i].Dashboard} {queries[i].Where}: {queries[i].Expression}");
        Assert.True(result.ExitCode == 0, "promtool rejects a dashboard query:\n" + result.Output + "\n" + string.Join("\n", rejected));
    }

    /// <summary>The check above would catch a broken query: promtool really parses what it is given.</summary>
    [SkippableFact]
    public async Task PromtoolRejectsAnInvalidQuery()
    {
        Promtool.SkipIfUnavailable();

        var result = await CheckAsRecordingRulesAsync(["sum(rate(chat_requests_total[$__rate_interval])", "histogram_quantile(0.99, rate(x_bucket[5m])) by (le)"]);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void RecordingRulesTheDashboardsUseAreGenerated()
    {
        var recorded = Directory.GetFiles(Repository.Path("deploy", "prometheus", "rules"), "*.rules.yaml")
            .SelectMany(file => RecordRule().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("slo:period_error_budget_remaining:ratio", recorded);

        var used = GrafanaDashboards.Load().SelectMany(d => d.Queries)
            .SelectMany(q => GrafanaDashboards.MetricNames(q.Expression).Where(n => n.Contains(':', StringComparison.Ordinal)).Select(n => (Name: n, Query: q)))
            .ToList();
        Assert.Contains(used, u => u.Name == "slo:current_burn_rate:ratio");
        var unknown = used.Where(u => !recorded.Contains(u.Name)).Select(u => $"{u.Name} ({u.Query.Dashboard} {u.Query.Where})").Distinct().ToList();
        Assert.True(unknown.Count == 0, "Dashboards use recording rules that deploy/prometheus/rules does not define:\n" + string.Join("\n", unknown));
    }

    /// <summary>
    /// Every query of the SLO overview, evaluated by promtool over the committed rules while ChatApi fails every turn for
    /// four hours, returns data: the queries select the series and labels the generated rules really produce.
    /// </summary>
    [SkippableFact]
    public async Task SloOverviewQueriesReturnDataWhileAnSloBurns()
    {
        Promtool.SkipIfUnavailable();
        var queries = Assert.Single(GrafanaDashboards.Load(), d => d.File == "slo-overview.json").Queries
            .Select(q => GrafanaDashboards.WithConcreteVariables(q.Expression)).Distinct().ToList();
        var ruleFiles = Directory.GetFiles(Repository.Path("deploy", "prometheus", "rules"), "*.rules.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(ruleFiles);

        // Each query is expected to return nothing, so promtool reports the ones that return something, with what they got.
        var test = new StringBuilder("rule_files:\n");
        ruleFiles.ForEach(file => test.Append("  - ").Append(Quote(file)).Append('\n'));
        test.Append("evaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n")
            .Append("      - series: 'chat_requests_total{outcome=\"model_unavailable\"}'\n        values: '0+10x300'\n")
            .Append("    promql_expr_test:\n");
        foreach (var query in queries)
        {
            test.Append("      - expr: ").Append(Quote(query)).Append("\n        eval_time: 4h\n        exp_samples: []\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"grafana-slo-overview-{Guid.NewGuid():N}.test.yaml");
        await File.WriteAllTextAsync(path, test.ToString());
        Promtool.Result result;
        try
        {
            result = await Promtool.RunAsync("test", "rules", path);
        }
        finally
        {
            File.Delete(path);
        }

        var empty = queries.Where(q => !result.Output.Contains($"expr: {Quote(q)}, time: 4h", StringComparison.Ordinal)).ToList();
        Assert.True(empty.Count == 0, "SLO overview queries return nothing for a burning SLO:\n" + string.Join("\n", empty) + "\npromtool:\n" + result.Output);
        Assert.Contains("ChatApiAvailabilityBudgetBurn", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sum by (outcome) (rate(chat_requests_total{outcome!=\"success\", instance=~\"$instance\"}[$__rate_interval]))", "chat_requests_total")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(chat_request_duration_seconds_bucket{le=~\"1.*\"}[5m])))", "chat_request_duration_seconds_bucket")]
    [InlineData("slo:sli_error:ratio_rate1h{slo=~\"${slo:regex}\"} / on(slo, service) group_left slo:error_budget:ratio", "slo:sli_error:ratio_rate1h", "slo:error_budget:ratio")]
    [InlineData("sum(rate(llm_cost_USD_total[1h] offset 1d)) * 3600 + 1e-3 > bool 0.5", "llm_cost_USD_total")]
    [InlineData("max without (instance) (fraud_monitoring_psi) or vector(0)", "fraud_monitoring_psi")]
    [InlineData("ALERTS{alertstate=\"firing\", slo!=\"\"} unless ignoring(severity) up", "ALERTS", "up")]
    [InlineData("label_replace(sum by (le) (x_bucket), \"dst\", \"$1\", \"src\", \"(.*)\")", "x_bucket")]
    public void MetricNamesAreTheSelectedSeries(string expression, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), GrafanaDashboards.MetricNames(expression).Order(StringComparer.Ordinal));

    [Fact]
    public void GrafanaVariablesBecomeValuesPrometheusAccepts() =>
        Assert.Equal("rate(x{slo=~\".*\", instance=~\".*\"}[5m]) offset 5m",
            GrafanaDashboards.WithConcreteVariables("rate(x{slo=~\"$slo\", instance=~\"${instance:regex}\"}[$__rate_interval]) offset $__range"));

    /// <summary>Writes the expressions as recording rules (<c>dashboard:query_N</c>) and runs <c>promtool check rules</c> on them.</summary>
    private static async Task<Promtool.Result> CheckAsRecordingRulesAsync(IEnumerable<string> expressions)
    {
        var rules = new StringBuilder("groups:\n  - name: grafana-dashboards\n    rules:\n");
        foreach (var (expression, i) in expressions.Select((e, i) => (e, i)))
        {
            rules.Append("      - record: dashboard:query_").Append(i).Append('\n')
                .Append("        expr: ").Append(Quote(GrafanaDashboards.WithConcreteVariables(expression))).Append('\n');
        }

        var path = Path.Combine(Path.GetTempPath(), $"grafana-dashboards-{Guid.NewGuid():N}.rules.yaml");
        await File.WriteAllTextAsync(path, rules.ToString());
        try
        {
            return await Promtool.RunAsync("check", "rules", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A double-quoted string as YAML reads it and promtool (Go's %q) prints it.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"dashboard:query_(?<index>\d+)")]
    private static partial Regex RuleName();

    [GeneratedRegex(@"^\s*-?\s*record:\s*(?<name>[a-zA-Z_:][\w:]*)\s*$", RegexOptions.Multiline)]
    private static partial Regex RecordRule();
}

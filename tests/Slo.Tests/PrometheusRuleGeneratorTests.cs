namespace LlmReference.Slo.Tests;

public class PrometheusRuleGeneratorTests
{
    private static readonly RuleGenerationOptions Production = new();

    private static RulesYaml Generate(SloSpec spec, RuleGenerationOptions? options = null) =>
        RulesYaml.Parse(PrometheusRuleGenerator.Generate([spec], options ?? Production));

    [Fact]
    public void EverySloGetsItsOwnGroupWithTheWholeSetOfRecordingRules()
    {
        var rules = RulesYaml.Parse(PrometheusRuleGenerator.Generate(Specs.Repository, Production));

        Assert.Equal(Specs.Repository.Select(s => $"slo-{s.Name}"), rules.Groups.Select(g => g.Name));
        string[] expected =
        [
            "slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m", "slo:sli_error:ratio_rate1h", "slo:sli_error:ratio_rate2h",
            "slo:sli_error:ratio_rate6h", "slo:sli_error:ratio_rate1d", "slo:sli_error:ratio_rate3d", "slo:sli_error:ratio_rate30d",
            "slo:objective:ratio", "slo:error_budget:ratio", "slo:current_burn_rate:ratio", "slo:period_burn_rate:ratio",
            "slo:period_error_budget_remaining:ratio",
        ];
        foreach (var spec in Specs.Repository)
        {
            var group = rules.GroupFor(spec.Name);
            Assert.Equal(expected, group.Rules.Where(r => r.Record is not null).Select(r => r.Record));
            Assert.All(group.Rules, r => Assert.Equal(spec.Name, r.Labels["slo"]));
            Assert.All(group.Rules, r => Assert.Equal(spec.Service, r.Labels["service"]));
        }
    }

    [Fact]
    public void ErrorRatioIsOneMinusGoodOverTotalWithoutNaN()
    {
        var spec = Specs.Named("chatapi-availability");

        var expr = Generate(spec).GroupFor(spec.Name).Recording("slo:sli_error:ratio_rate1h").Expr;

        Assert.Equal(
            $"""
            1 - (
              (sum(rate({spec.Good}[1h])) or vector(0))
              /
              (sum(rate({spec.Total}[1h])) > 0)
            )

            """,
            expr);
    }

    [Fact]
    public void PeriodRatioAveragesTheFiveMinuteRatioLikeSloth()
    {
        var expr = Generate(Specs.WithObjective(0.999)).GroupFor("demo-availability").Recording("slo:sli_error:ratio_rate30d").Expr;

        Assert.Contains("sum_over_time(slo:sli_error:ratio_rate5m{slo=\"demo-availability\"}[30d])", expr, StringComparison.Ordinal);
        Assert.Contains("count_over_time(slo:sli_error:ratio_rate5m{slo=\"demo-availability\"}[30d])", expr, StringComparison.Ordinal);
        Assert.DoesNotContain("demo_requests_total", expr, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectiveAndBudgetAreExactDecimals()
    {
        var group = Generate(Specs.Named("fraud-availability")).GroupFor("fraud-availability");

        Assert.Equal("vector(0.9995)", group.Recording("slo:objective:ratio").Expr);
        Assert.Equal("vector(0.0005)", group.Recording("slo:error_budget:ratio").Expr);
        Assert.Equal("1 - slo:period_burn_rate:ratio{slo=\"fraud-availability\"}", group.Recording("slo:period_error_budget_remaining:ratio").Expr);
    }

    [Fact]
    public void PageAndTicketFollowTheWorkbook()
    {
        var spec = Specs.Named("chatapi-availability");
        var group = Generate(spec, new RuleGenerationOptions { RunbookBaseUrl = "https://example.org/repo/blob/main/" }).GroupFor(spec.Name);

        Assert.Equal(2, group.Alerts.Count);
        Assert.All(group.Alerts, a => Assert.Equal("ChatApiAvailabilityBudgetBurn", a.Alert));
        var page = group.Alert("page")!;
        Assert.Equal("2m", page.For);
        Assert.Equal(
            """
            (
              slo:sli_error:ratio_rate1h{slo="chatapi-availability"} > (14.4 * 0.001)
              and
              slo:sli_error:ratio_rate5m{slo="chatapi-availability"} > (14.4 * 0.001)
            )
            or
            (
              slo:sli_error:ratio_rate6h{slo="chatapi-availability"} > (6 * 0.001)
              and
              slo:sli_error:ratio_rate30m{slo="chatapi-availability"} > (6 * 0.001)
            )

            """,
            page.Expr);
        var ticket = group.Alert("ticket")!;
        Assert.Equal("15m", ticket.For);
        Assert.Contains("slo:sli_error:ratio_rate1d{slo=\"chatapi-availability\"} > (3 * 0.001)", ticket.Expr, StringComparison.Ordinal);
        Assert.Contains("slo:sli_error:ratio_rate2h{slo=\"chatapi-availability\"} > (3 * 0.001)", ticket.Expr, StringComparison.Ordinal);
        Assert.Contains("slo:sli_error:ratio_rate3d{slo=\"chatapi-availability\"} > (1 * 0.001)", ticket.Expr, StringComparison.Ordinal);
        Assert.Contains("slo:sli_error:ratio_rate6h{slo=\"chatapi-availability\"} > (1 * 0.001)", ticket.Expr, StringComparison.Ordinal);

        foreach (var alert in group.Alerts)
        {
            Assert.Equal(["service", "severity", "slo"], alert.Labels.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["description", "runbook_url", "summary"], alert.Annotations.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("https://example.org/repo/blob/main/docs/runbooks/ChatApiAvailabilityBudgetBurn.md", alert.Annotations["runbook_url"]);
            Assert.Contains("{{ $value | humanizePercentage }}", alert.Annotations["description"], StringComparison.Ordinal);
        }

        Assert.Contains("14.4x the budget (1.44%) over 1h and 5m", page.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("error budget 0.1%", page.Annotations["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void RunbookUrlIsTheRepositoryPathByDefault()
    {
        var alerts = Generate(Specs.Named("fraud-latency")).GroupFor("fraud-latency").Alerts;

        Assert.All(alerts, a => Assert.Equal("docs/runbooks/FraudLatencyBudgetBurn.md", a.Annotations["runbook_url"]));
    }

    [Fact]
    public void AnswerQualityHasNoPageBecauseNeitherPageThresholdCanBeExceeded()
    {
        // 0.8 objective: a 20% budget. 14.4x is 2.88 and 6x 1.2, error ratios above 1: no page. 3x is 0.6, 1x 0.2: ticket.
        var spec = Specs.Named("chatapi-answer-quality");
        var text = PrometheusRuleGenerator.Generate([spec], Production);
        var group = RulesYaml.Parse(text).GroupFor(spec.Name);

        Assert.Null(group.Alert("page"));
        var ticket = Assert.Single(group.Alerts);
        Assert.Equal("ticket", ticket.Labels["severity"]);
        Assert.Contains("> (3 * 0.2)", ticket.Expr, StringComparison.Ordinal);
        Assert.Contains("> (1 * 0.2)", ticket.Expr, StringComparison.Ordinal);
        Assert.Contains("# ChatApiAnswerQualityBudgetBurn page: the condition 14.4x over 1h and 5m is left out", text, StringComparison.Ordinal);
        Assert.Contains("14.4 x 0.2 = 2.88, is an error ratio of 1 or more", text, StringComparison.Ordinal);
        Assert.Contains("# ChatApiAnswerQualityBudgetBurn page: no rule, since none of its conditions can fire with a 20% error budget.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImpossibleConditionIsLeftOutAndTheOtherKept()
    {
        // 0.9 objective: 14.4 x 0.1 = 1.44 cannot fire; 6 x 0.1 = 0.6 can, and is the page on its own.
        var text = PrometheusRuleGenerator.Generate([Specs.WithObjective(0.9)], Production);
        var page = RulesYaml.Parse(text).GroupFor("demo-availability").Alert("page")!;

        Assert.Equal(
            """
            slo:sli_error:ratio_rate6h{slo="demo-availability"} > (6 * 0.1)
            and
            slo:sli_error:ratio_rate30m{slo="demo-availability"} > (6 * 0.1)

            """,
            page.Expr);
        Assert.DoesNotContain("14.4x the budget", page.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("14.4 x 0.1 = 1.44", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14.4, "0.2", false)]
    [InlineData(4, "0.25", false)] // exactly 1: the rule needs the ratio strictly above it
    [InlineData(3, "0.2", true)]
    [InlineData(14.4, "0.05", true)]
    public void ConditionCanFireOnlyBelowAnErrorRatioOfOne(double factor, string budget, bool canFire) =>
        Assert.Equal(canFire, new BurnRateCondition(factor, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)).CanFire(decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void CompressionDividesWindowsAndForButKeepsNames()
    {
        var spec = Specs.Named("chatapi-availability");
        var text = PrometheusRuleGenerator.Generate([spec], new RuleGenerationOptions { TimeCompression = 720 });
        var group = RulesYaml.Parse(text).GroupFor(spec.Name);

        // 720x: 1h -> 5s, 2h -> 10s, 6h -> 30s, 1d -> 2m, 3d -> 6m, 30d -> 1h; 5m and 30m would be under 4s.
        Assert.Contains("[4s]", group.Recording("slo:sli_error:ratio_rate5m").Expr, StringComparison.Ordinal);
        Assert.Contains("[4s]", group.Recording("slo:sli_error:ratio_rate30m").Expr, StringComparison.Ordinal);
        Assert.Contains("[5s]", group.Recording("slo:sli_error:ratio_rate1h").Expr, StringComparison.Ordinal);
        Assert.Contains("[10s]", group.Recording("slo:sli_error:ratio_rate2h").Expr, StringComparison.Ordinal);
        Assert.Contains("[30s]", group.Recording("slo:sli_error:ratio_rate6h").Expr, StringComparison.Ordinal);
        Assert.Contains("[2m]", group.Recording("slo:sli_error:ratio_rate1d").Expr, StringComparison.Ordinal);
        Assert.Contains("[6m]", group.Recording("slo:sli_error:ratio_rate3d").Expr, StringComparison.Ordinal);
        Assert.Contains("[1h]", group.Recording("slo:sli_error:ratio_rate30d").Expr, StringComparison.Ordinal);
        Assert.Equal("4s", group.Alert("page")!.For);
        Assert.Equal("4s", group.Alert("ticket")!.For);
        Assert.Contains("slo:sli_error:ratio_rate1h{slo=\"chatapi-availability\"} > (14.4 * 0.001)", group.Alert("page")!.Expr, StringComparison.Ordinal);
        Assert.Contains("over 1h (compressed to 5s) and 5m (compressed to 4s)", group.Alert("page")!.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("# Time compression: 720x: every window and for: is divided by 720, never below 4s.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimumWindowIsAFloorForWindowsAndFor()
    {
        var options = new RuleGenerationOptions { TimeCompression = 3600, MinimumWindow = TimeSpan.FromSeconds(10) };
        var group = Generate(Specs.Named("chatapi-availability"), options).GroupFor("chatapi-availability");

        Assert.Contains("[10s]", group.Recording("slo:sli_error:ratio_rate1h").Expr, StringComparison.Ordinal);
        Assert.Contains("[10s]", group.Recording("slo:sli_error:ratio_rate2h").Expr, StringComparison.Ordinal);
        Assert.Contains("[24s]", group.Recording("slo:sli_error:ratio_rate1d").Expr, StringComparison.Ordinal);
        Assert.Contains("[12m]", group.Recording("slo:sli_error:ratio_rate30d").Expr, StringComparison.Ordinal);
        Assert.Equal("10s", group.Alert("page")!.For);
    }

    [Fact]
    public void ProductionIsNeverScaled()
    {
        var options = new RuleGenerationOptions { MinimumWindow = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromMinutes(5), options.Scale(TimeSpan.FromMinutes(5)));
        Assert.Contains("# Time compression: none (production windows).", PrometheusRuleGenerator.Generate([Specs.WithObjective(0.99)], options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void CompressionBelowOneIsRejected(double factor)
    {
        var error = Assert.Throws<ArgumentException>(() => PrometheusRuleGenerator.Generate([Specs.WithObjective(0.99)], new RuleGenerationOptions { TimeCompression = factor }));
        Assert.Contains("TimeCompression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputIsStableLfOnlyAndWithoutTrailingSpaces()
    {
        var first = PrometheusRuleGenerator.Generate(Specs.Repository, Production);

        Assert.Equal(first, PrometheusRuleGenerator.Generate(Specs.Repository, Production));
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("\n", first, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Split('\n'), line => line.EndsWith(' '));
    }

    [Fact]
    public void HeaderNamesSourceCommandAndCompression()
    {
        var text = PrometheusRuleGenerator.Generate([Specs.Named("fraud-latency")], Production);

        Assert.StartsWith("# Prometheus rules for the service level objectives of fraud.\n", text, StringComparison.Ordinal);
        Assert.Contains("# GENERATED: do not edit. Source: slo/fraud.yaml (OpenSLO).\n", text, StringComparison.Ordinal);
        Assert.Contains("# Regenerate with: dotnet run --project SloRules\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FilesAreOnePerServiceInServiceOrder()
    {
        var files = PrometheusRuleGenerator.GenerateFiles(Specs.Repository, Production);

        Assert.Equal(["chatapi.rules.yaml", "fraud.rules.yaml"], files.Select(f => f.FileName));
        Assert.All(files, f => Assert.All(RulesYaml.Parse(f.Text).Groups, g => Assert.All(g.Rules, r => Assert.Equal(f.Service, r.Labels["service"]))));
    }
}

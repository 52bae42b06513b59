using System.Globalization;
using System.Text;

namespace LlmReference.Slo;

/// <summary>
/// Turns SLO specs into a Prometheus rules file the way Sloth does: recording rules for each SLI's error ratio over
/// the burn-rate windows and the period, the objective, budget and burn-rate series, and the SRE workbook's
/// multi-window, multi-burn-rate alerts (<see cref="BurnRateAlertPolicy.Workbook"/>). The text depends only on the
/// specs and the options, so a test can compare the committed files with a fresh generation byte for byte.
/// </summary>
public static class PrometheusRuleGenerator
{
    /// <summary>One rules file per service, in service order, named <c>{service}.rules.yaml</c>.</summary>
    public static IReadOnlyList<GeneratedRuleFile> GenerateFiles(IReadOnlyList<SloSpec> specs, RuleGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return specs
            .GroupBy(s => s.Service, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GeneratedRuleFile(g.Key, $"{g.Key}.rules.yaml", Generate([.. g], options)))
            .ToList();
    }

    /// <summary>The text of one rules file holding a group per SLO, in the order given.</summary>
    public static string Generate(IReadOnlyList<SloSpec> specs, RuleGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (specs.Count == 0)
        {
            throw new ArgumentException("At least one SLO is needed to write a rules file.", nameof(specs));
        }

        var yaml = new YamlTextWriter().Comment(Header(specs, options)).BeginMapping().BeginSequence("groups");
        foreach (var spec in specs)
        {
            WriteGroup(yaml, spec, options);
        }

        return yaml.EndSequence().EndMapping().ToString();
    }

    private static string Header(IReadOnlyList<SloSpec> specs, RuleGenerationOptions options)
    {
        var sources = string.Join(", ", specs.Select(s => s.Source).Where(s => s.Length > 0).Distinct().Select(s => $"{options.SpecFolder.TrimEnd('/')}/{s}"));
        var windows = "{" + string.Join(",", SloRuleNames.Windows.Select(PrometheusDuration.Format)) + "}";
        var compression = options.IsCompressed
            ? $"""
               {Number(options.TimeCompression)}x: every window and for: is divided by {Number(options.TimeCompression)}, never below {PrometheusDuration.Format(options.MinimumWindow)}.
                 Rule names keep the nominal window ({SloRuleNames.ErrorRatio(TimeSpan.FromHours(1))} covers {Window(TimeSpan.FromHours(1), options)}). Scrape and
                 evaluate every {PrometheusDuration.Format(options.MinimumWindow / 4)} or faster. For demos and tests only: never deploy these.
               """
            : "none (production windows).";
        return $"""
             Prometheus rules for the service level objectives of {string.Join(", ", specs.Select(s => s.Service).Distinct())}.
             GENERATED: do not edit. Source: {(sources.Length > 0 ? sources : "SLO specs")} (OpenSLO).
             Regenerate with: {options.Command}
             Time compression: {compression}

             One group per SLO; every series carries the labels slo and service (Sloth's naming):
             - {SloRuleNames.ErrorRatioPrefix}{windows}: the SLI error ratio, 1 - good/total, from
               sum(rate(...[window])) of the spec's selectors. A window without events (total rate 0) records no
               sample rather than NaN ("> 0" on the denominator), so an idle service neither burns budget nor alerts;
               "or vector(0)" on the numerator makes a window with events but no good ones record 1 even before the
               first good event has created its series.
             - {SloRuleNames.ErrorRatioPrefix}{string.Join(",", specs.Select(s => PrometheusDuration.Format(s.Period)).Distinct())}: the period's error ratio as Sloth computes it, the mean of
               the 5m ratio over the period (a rate() of every raw series over 30d would be costly every evaluation).
             - {SloRuleNames.Objective}, {SloRuleNames.ErrorBudget} (1 - objective), {SloRuleNames.CurrentBurnRate} (5m
               ratio / budget), {SloRuleNames.PeriodBurnRate}, {SloRuleNames.PeriodErrorBudgetRemaining} (1 - period burn rate).
             - The SLO's alert (its llmreference/alert annotation) twice, severity page and severity ticket: the SRE
               workbook's multi-window, multi-burn-rate conditions. Each fires when the error ratio over a long
               window AND over its short window (1/12, so the alert ends soon after the burn) is above factor x budget:
               page 14.4x over 1h and 5m or 6x over 6h and 30m; ticket 3x over 1d and 2h or 1x over 3d and 6h.
               A condition whose threshold is an error ratio of 1 or more can never hold and is left out.

             """;
    }

    private static void WriteGroup(YamlTextWriter yaml, SloSpec spec, RuleGenerationOptions options)
    {
        var budget = ErrorBudget(spec);
        var slo = $"{{{SloRuleNames.SloLabel}=\"{spec.Name}\"}}";
        yaml.BeginMapping().Pair("name", $"slo-{spec.Name}").BeginSequence("rules");

        foreach (var window in SloRuleNames.Windows)
        {
            Record(yaml, spec, SloRuleNames.ErrorRatio(window), ErrorRatio(spec, options.Scale(window)));
        }

        var shortest = SloRuleNames.ErrorRatio(SloRuleNames.Windows[0]);
        var period = PrometheusDuration.Format(options.Scale(spec.Period));
        Record(yaml, spec, SloRuleNames.ErrorRatio(spec.Period), $"""
            sum_over_time({shortest}{slo}[{period}])
            /
            count_over_time({shortest}{slo}[{period}])
            """);
        Record(yaml, spec, SloRuleNames.Objective, $"vector({Number(spec.Objective)})");
        Record(yaml, spec, SloRuleNames.ErrorBudget, $"vector({Number(budget)})");
        Record(yaml, spec, SloRuleNames.CurrentBurnRate, $"""
            {shortest}{slo}
            / on({SloRuleNames.SloLabel}, {SloRuleNames.ServiceLabel})
            {SloRuleNames.ErrorBudget}{slo}
            """);
        Record(yaml, spec, SloRuleNames.PeriodBurnRate, $"""
            {SloRuleNames.ErrorRatio(spec.Period)}{slo}
            / on({SloRuleNames.SloLabel}, {SloRuleNames.ServiceLabel})
            {SloRuleNames.ErrorBudget}{slo}
            """);
        Record(yaml, spec, SloRuleNames.PeriodErrorBudgetRemaining, $"1 - {SloRuleNames.PeriodBurnRate}{slo}");

        foreach (var policy in BurnRateAlertPolicy.Workbook)
        {
            Alert(yaml, spec, policy, budget, options);
        }

        yaml.EndSequence().EndMapping();
    }

    /// <summary>
    /// 1 − good/total over a window. The denominator is filtered to non-zero rates so that an idle window has no
    /// sample instead of NaN; the numerator falls back to 0 because a good series may not exist yet in an outage.
    /// </summary>
    private static string ErrorRatio(SloSpec spec, TimeSpan window)
    {
        var w = PrometheusDuration.Format(window);
        return $"""
            1 - (
              (sum(rate({spec.Good}[{w}])) or vector(0))
              /
              (sum(rate({spec.Total}[{w}])) > 0)
            )
            """;
    }

    private static void Record(YamlTextWriter yaml, SloSpec spec, string name, string expr)
    {
        yaml.BeginMapping().Pair("record", name);
        if (expr.Contains('\n', StringComparison.Ordinal))
        {
            yaml.Block("expr", expr);
        }
        else
        {
            yaml.Pair("expr", expr);
        }

        yaml.BeginMapping("labels")
            .Pair(SloRuleNames.SloLabel, spec.Name)
            .Pair(SloRuleNames.ServiceLabel, spec.Service)
            .EndMapping()
            .EndMapping();
    }

    private static void Alert(YamlTextWriter yaml, SloSpec spec, BurnRateAlertPolicy policy, decimal budget, RuleGenerationOptions options)
    {
        var possible = policy.Conditions.Where(c => c.CanFire(budget)).ToList();
        foreach (var impossible in policy.Conditions.Except(possible))
        {
            yaml.Comment($"""
                {spec.AlertName} {policy.Severity}: the condition {Number(impossible.Factor)}x over {Nominal(impossible.LongWindow)} and {Nominal(impossible.ShortWindow)} is left out: its threshold,
                {Number(impossible.Factor)} x {Number(budget)} = {Number(impossible.Threshold(budget))}, is an error ratio of 1 or more, which can never be exceeded.
                """);
        }

        if (possible.Count == 0)
        {
            yaml.Comment($"{spec.AlertName} {policy.Severity}: no rule, since none of its conditions can fire with a {Percent(budget)} error budget.");
            return;
        }

        var slo = $"{{{SloRuleNames.SloLabel}=\"{spec.Name}\"}}";
        var expr = new StringBuilder();
        foreach (var condition in possible)
        {
            var threshold = $"({Number(condition.Factor)} * {Number(budget)})";
            var both = $"""
                {SloRuleNames.ErrorRatio(condition.LongWindow)}{slo} > {threshold}
                and
                {SloRuleNames.ErrorRatio(condition.ShortWindow)}{slo} > {threshold}
                """;
            if (possible.Count == 1)
            {
                expr.Append(both);
                break;
            }

            if (expr.Length > 0)
            {
                expr.Append("\nor\n");
            }

            expr.Append("(\n  ").Append(both.Replace("\n", "\n  ", StringComparison.Ordinal)).Append("\n)");
        }

        var conditions = string.Join("; ", possible.Select(c =>
            $"{Number(c.Factor)}x the budget ({Percent(c.Threshold(budget))} errors) over {Window(c.LongWindow, options)} and {Window(c.ShortWindow, options)}, " +
            $"{Percent((decimal)c.BudgetSpent(spec.Period))} of the {Nominal(spec.Period)} budget in {Nominal(c.LongWindow)}, all of it in {Days(spec.Period / c.Factor)}"));
        yaml.BeginMapping()
            .Pair("alert", spec.AlertName)
            .Block("expr", expr.ToString())
            .Pair("for", PrometheusDuration.Format(options.Scale(policy.For)))
            .BeginMapping("labels")
            .Pair(SloRuleNames.SloLabel, spec.Name)
            .Pair(SloRuleNames.ServiceLabel, spec.Service)
            .Pair(SloRuleNames.SeverityLabel, policy.Severity)
            .EndMapping()
            .BeginMapping("annotations")
            .Pair("summary", $"{spec.DisplayName}: error budget burning {(policy.Severity == "page" ? "fast" : "steadily")} ({policy.Severity})")
            .Pair("description", $"{spec.Name}: {spec.ObjectiveDisplayName} over {Nominal(spec.Period)} (objective {Number(spec.Objective)}, error budget {Percent(budget)}). " +
                $"The error ratio over the long window is {{{{ $value | humanizePercentage }}}}, above one of: {conditions}.")
            .Pair("runbook_url", options.RunbookBaseUrl + spec.RunbookPath)
            .EndMapping()
            .EndMapping();
    }

    /// <summary>1 − objective, exact in decimal so that 0.999 gives 0.001 rather than 0.0010000000000000009.</summary>
    private static decimal ErrorBudget(SloSpec spec) => 1m - (decimal)spec.Objective;

    private static string Window(TimeSpan nominal, RuleGenerationOptions options) =>
        options.IsCompressed ? $"{Nominal(nominal)} (compressed to {PrometheusDuration.Format(options.Scale(nominal))})" : Nominal(nominal);

    private static string Nominal(TimeSpan window) => PrometheusDuration.Format(window);

    private static string Days(TimeSpan time) => time.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days";

    private static string Number(double value) => ((decimal)value).ToString("0.############", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Percent(decimal ratio) => (ratio * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}

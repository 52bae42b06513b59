using System.Globalization;

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
        var windows = "{" + string.Join(",", SloRuleNames.Windows.Select(Nominal)) + "}";
        var periods = string.Join(",", specs.Select(s => Nominal(s.Period)).Distinct());
        var factor = Number(options.TimeCompression);
        var compression = options.IsCompressed
            ? $"""
               {factor}x: every window and for: is divided by {factor}, never below {Nominal(options.MinimumWindow)}.
                 Rule names keep the nominal window ({SloRuleNames.ErrorRatio(TimeSpan.FromHours(1))} covers {Nominal(options.Scale(TimeSpan.FromHours(1)))}).
                 Scrape and evaluate every {Nominal(options.MinimumWindow / 4)} or faster. For demos and tests only: never deploy these.
               """
            : "none (production windows).";
        var policies = BurnRateAlertPolicy.Workbook.Select(p =>
            $"  {p.Severity}: {string.Join(" or ", p.Conditions.Select(c => $"{Number(c.Factor)}x over {Nominal(c.LongWindow)} and {Nominal(c.ShortWindow)}"))}, for: {Nominal(p.For)}");
        var forCost = string.Join("; ", BurnRateAlertPolicy.Workbook.Select(p =>
            $"{Nominal(p.For)} at {Number(p.Conditions[0].Factor)}x: {Percent((decimal)(p.Conditions[0].Factor * p.For / specs[0].Period))}"));
        return $"""
             Prometheus rules for the service level objectives of {string.Join(", ", specs.Select(s => s.Service).Distinct())}.
             GENERATED: do not edit. Source: {(sources.Length > 0 ? sources : "SLO specs")} (OpenSLO).
             Regenerate with: {options.Command}
             Time compression: {compression}

             One group per SLO; every series carries the labels slo and service (Sloth's naming):
             - {SloRuleNames.ErrorRatioPrefix}{windows}: the SLI error ratio, 1 - good/total,
               from sum(rate(...[window])) of the spec's selectors. A window without events (total rate 0) records no
               sample rather than NaN ("> 0" on the denominator), so an idle service neither burns budget nor alerts;
               "or vector(0)" on the numerator makes a window with events but no good ones record 1 even before the
               first good event has created its series.
             - {SloRuleNames.ErrorRatioPrefix}{periods}: the period's error ratio as Sloth computes it, the mean of the
               5m ratio over the period (a rate() of every raw series over the whole period would be costly to evaluate).
               The mean is not weighted by traffic: a quiet hour counts as much as a busy one; idle windows, which
               record nothing, do not count at all.
             - {SloRuleNames.Objective}, {SloRuleNames.ErrorBudget} (1 - objective),
               {SloRuleNames.CurrentBurnRate} (5m ratio / budget), {SloRuleNames.PeriodBurnRate} (period ratio / budget),
               {SloRuleNames.PeriodErrorBudgetRemaining} (1 - period burn rate).
             - The SLO's alert (its llmreference/alert annotation) with severity page and with severity ticket: the SRE
               workbook's multi-window, multi-burn-rate alerts. Each fires when the error ratio over a long window AND
               over its short window (1/12 of it, so that the alert ends soon after the burn) is above factor x budget:
             {string.Join("\n", policies)}
               The for: makes a condition hold over several evaluations before it notifies, so that a blip (one odd
               scrape or evaluation) does not; it costs little ({forCost} of the period's budget).
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
        var clauses = possible.Select(c =>
        {
            var threshold = $"({Number(c.Factor)} * {Number(budget)})";
            return $"""
                {SloRuleNames.ErrorRatio(c.LongWindow)}{slo} > {threshold}
                and
                {SloRuleNames.ErrorRatio(c.ShortWindow)}{slo} > {threshold}
                """;
        }).ToList();
        var expr = clauses.Count == 1
            ? clauses[0]
            : string.Join("\nor\n", clauses.Select(c => $"(\n  {c.Replace("\n", "\n  ", StringComparison.Ordinal)}\n)"));

        var conditions = string.Join(" or ", possible.Select(c =>
            $"{Number(c.Factor)}x the budget ({Percent(c.Threshold(budget))}) over {Window(c.LongWindow, options)} and {Window(c.ShortWindow, options)} " +
            $"(spends {Percent((decimal)c.BudgetSpent(spec.Period))} of the budget in {Nominal(c.LongWindow)}, all of it in {Days(spec.Period / c.Factor)})"));
        yaml.BeginMapping()
            .Pair("alert", spec.AlertName)
            .Block("expr", expr)
            .Pair("for", PrometheusDuration.Format(options.Scale(policy.For)))
            .BeginMapping("labels")
            .Pair(SloRuleNames.SloLabel, spec.Name)
            .Pair(SloRuleNames.ServiceLabel, spec.Service)
            .Pair(SloRuleNames.SeverityLabel, policy.Severity)
            .EndMapping()
            .BeginMapping("annotations")
            .Pair("summary", $"{spec.DisplayName}: error budget burning {(policy.Severity == "page" ? "fast" : "steadily")} ({policy.Severity})")
            .Pair("description", $"{spec.ObjectiveDisplayName} over {Nominal(spec.Period)}, error budget {Percent(budget)}. " +
                $"Error ratio over the long window: {{{{ $value | humanizePercentage }}}}, above {conditions}.")
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

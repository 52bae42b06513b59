using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LlmReference.Slo;

/// <summary>
/// Reads OpenSLO (<c>openslo/v1</c>) files into validated <see cref="SloSpec"/>s. A file may hold several
/// <c>---</c>-separated documents; every document must be a <c>kind: SLO</c> with an inline ratio indicator whose
/// good and total queries are Prometheus series selectors, a rolling time window and the <c>Occurrences</c> method.
/// </summary>
public static class SloSpecReader
{
    public const string ApiVersion = "openslo/v1";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Every <c>*.yaml</c> file in a folder, in file-name order.</summary>
    public static IReadOnlyList<SloSpec> ReadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new SloSpecException($"No SLO files (*.yaml) in '{directory}'.");
        }

        var specs = files.SelectMany(ReadFile).ToList();
        var duplicate = specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1)
            ?? specs.GroupBy(s => s.AlertName).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? specs
            : throw new SloSpecException($"'{duplicate.Key}' is used by more than one SLO in '{directory}'.");
    }

    public static IReadOnlyList<SloSpec> ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <param name="yaml">One or more OpenSLO documents.</param>
    /// <param name="source">Where the text came from, for error messages.</param>
    public static IReadOnlyList<SloSpec> Read(string yaml, string source)
    {
        var specs = new List<SloSpec>();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            OpenSloDocument? document;
            try
            {
                document = Yaml.Deserialize<OpenSloDocument?>(parser);
            }
            catch (YamlException ex)
            {
                throw new SloSpecException($"{source}: invalid OpenSLO YAML at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
            }

            if (document is not null)
            {
                specs.Add(Validate(document, source) with { Source = source });
            }
        }

        return specs;
    }

    private static SloSpec Validate(OpenSloDocument d, string source)
    {
        var name = d.Metadata?.Name;
        string Where() => name is null ? source : $"{source}, SLO '{name}'";
        SloSpecException Error(string message) => new($"{Where()}: {message}");

        if (d.ApiVersion != ApiVersion)
        {
            throw Error($"apiVersion must be '{ApiVersion}', not '{d.ApiVersion}'.");
        }

        if (d.Kind != "SLO")
        {
            throw Error($"kind must be 'SLO', not '{d.Kind}'.");
        }

        if (string.IsNullOrWhiteSpace(name) || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"))
        {
            throw Error("metadata.name must be a lower-case DNS label such as 'chatapi-availability'.");
        }

        var spec = d.Spec ?? throw Error("spec is missing.");
        if (string.IsNullOrWhiteSpace(spec.Service))
        {
            throw Error("spec.service is missing.");
        }

        if (spec.BudgetingMethod != "Occurrences")
        {
            throw Error($"spec.budgetingMethod must be 'Occurrences' (the only method the rule generator supports), not '{spec.BudgetingMethod}'.");
        }

        var window = spec.TimeWindow is [{ IsRolling: true, Duration: { } duration }]
            ? ParseDuration(duration, "spec.timeWindow[0].duration", Error)
            : throw Error("spec.timeWindow must be exactly one rolling window, e.g. '- duration: 30d\\n  isRolling: true'.");

        var objective = spec.Objectives is [{ Target: { } target } objectiveSpec]
            ? (target, objectiveSpec.DisplayName)
            : throw Error("spec.objectives must hold exactly one objective with a target.");
        if (objective.target is <= 0 or >= 1)
        {
            throw Error($"the objective's target must be between 0 and 1 exclusive, not {objective.target}.");
        }

        var ratio = spec.Indicator?.Spec?.RatioMetric ?? throw Error("spec.indicator.spec.ratioMetric is missing (only ratio SLIs are supported).");
        if (!ratio.Counter)
        {
            throw Error("ratioMetric.counter must be true: the queries select counters, which the rules wrap in rate().");
        }

        if (ratio.Bad is not null)
        {
            throw Error("ratioMetric must use good and total, not bad.");
        }

        var good = ParseQuery(ratio.Good, "good", Error);
        var total = ParseQuery(ratio.Total, "total", Error);
        var alert = d.Metadata!.Annotations?.GetValueOrDefault(SloSpec.AlertAnnotation);
        if (string.IsNullOrWhiteSpace(alert) || !System.Text.RegularExpressions.Regex.IsMatch(alert, "^[A-Z][A-Za-z0-9]*$"))
        {
            throw Error($"metadata.annotations['{SloSpec.AlertAnnotation}'] must name the burn alert in PascalCase, e.g. ChatApiAvailabilityBudgetBurn.");
        }

        return new SloSpec(
            name,
            d.Metadata.DisplayName ?? name,
            spec.Description?.Trim() ?? string.Empty,
            spec.Service,
            objective.target,
            objective.DisplayName ?? $"{objective.target:P2}",
            window,
            good,
            total,
            alert);
    }

    private static SeriesSelector ParseQuery(OpenSloMetricRef? metric, string which, Func<string, SloSpecException> error)
    {
        var source = metric?.MetricSource ?? throw error($"ratioMetric.{which}.metricSource is missing.");
        if (source.Type != "Prometheus")
        {
            throw error($"ratioMetric.{which}.metricSource.type must be 'Prometheus', not '{source.Type}'.");
        }

        var query = source.Spec?.GetValueOrDefault("query") ?? throw error($"ratioMetric.{which}.metricSource.spec.query is missing.");
        SeriesSelector selector;
        try
        {
            selector = SeriesSelector.Parse(query);
        }
        catch (FormatException ex)
        {
            throw error($"ratioMetric.{which}: {ex.Message}");
        }

        // Prometheus 2.x stores a bucket's le exactly as scraped, and it scrapes the exporter's OpenMetrics output, which
        // writes whole bounds with a decimal point: le="10" would select nothing, count no good event and page for ever.
        if (selector.Matchers.FirstOrDefault(m => m.Name == "le") is { } le && selector.UpperBound is { } bound
            && le.Value != OpenMetricsBound(bound))
        {
            throw error($"ratioMetric.{which}: write le=\"{OpenMetricsBound(bound)}\", not le=\"{le.Value}\": Prometheus stores bucket bounds as the exporter's OpenMetrics output writes them.");
        }

        return selector;
    }

    /// <summary>A bucket bound as the OpenTelemetry exporter writes it in OpenMetrics: <c>10.0</c>, <c>2.5</c>, <c>0.05</c>.</summary>
    public static string OpenMetricsBound(double bound) =>
        double.IsPositiveInfinity(bound) ? "+Inf"
        : bound == Math.Floor(bound) && Math.Abs(bound) < 1e15
            ? bound.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
            : bound.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static TimeSpan ParseDuration(string text, string field, Func<string, SloSpecException> error)
    {
        try
        {
            return PrometheusDuration.Parse(text);
        }
        catch (FormatException ex)
        {
            throw error($"{field}: {ex.Message}");
        }
    }
}

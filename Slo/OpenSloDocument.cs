namespace LlmReference.Slo;

// The subset of OpenSLO v1 (kind SLO, inline ratioMetric indicator) that this repository's specs use, shaped for
// YamlDotNet. Validation and flattening happen in SloSpecReader; nothing else reads these types.

internal sealed class OpenSloDocument
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public OpenSloMetadata? Metadata { get; set; }
    public OpenSloSpec? Spec { get; set; }
}

internal sealed class OpenSloMetadata
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class OpenSloSpec
{
    public string? Description { get; set; }
    public string? Service { get; set; }
    public OpenSloIndicator? Indicator { get; set; }
    public List<OpenSloTimeWindow>? TimeWindow { get; set; }
    public string? BudgetingMethod { get; set; }
    public List<OpenSloObjective>? Objectives { get; set; }
}

internal sealed class OpenSloIndicator
{
    public OpenSloMetadata? Metadata { get; set; }
    public OpenSloIndicatorSpec? Spec { get; set; }
}

internal sealed class OpenSloIndicatorSpec
{
    public OpenSloRatioMetric? RatioMetric { get; set; }
}

internal sealed class OpenSloRatioMetric
{
    public bool Counter { get; set; }
    public OpenSloMetricRef? Good { get; set; }
    public OpenSloMetricRef? Bad { get; set; }
    public OpenSloMetricRef? Total { get; set; }
}

internal sealed class OpenSloMetricRef
{
    public OpenSloMetricSource? MetricSource { get; set; }
}

internal sealed class OpenSloMetricSource
{
    public string? Type { get; set; }
    public Dictionary<string, string>? Spec { get; set; }
}

internal sealed class OpenSloTimeWindow
{
    public string? Duration { get; set; }
    public bool IsRolling { get; set; }
}

internal sealed class OpenSloObjective
{
    public string? DisplayName { get; set; }
    public double? Target { get; set; }
}

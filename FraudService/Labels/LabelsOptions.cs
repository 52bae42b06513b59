using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Labels;

/// <summary>Label intake limits. Section <c>Fraud:Labels</c>.</summary>
public sealed class LabelsOptions
{
    public const string SectionName = "Fraud:Labels";

    /// <summary>Most labels in one <c>POST /api/fraud/labels/batch</c>. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>Largest label batch body. Default 256 KiB (about 2,500 labels).</summary>
    [Range(256, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}

using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Training;

/// <summary>Which model serves. Section <c>Fraud:Model</c>.</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Fraud:Model";

    /// <summary><c>trained</c> (the ML.NET model in <see cref="Directory"/>) or <c>rules</c> (the transparent <c>rules-v1</c>). Default <c>trained</c>.</summary>
    [Required]
    [RegularExpression("^(trained|rules)$")]
    public string Kind { get; set; } = "trained";

    /// <summary>Version of the trained model to load: <c>{Directory}/{Version}.zip</c> and its model card. Default <c>fasttree-v1</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string Version { get; set; } = FraudModelTrainer.DefaultVersion;

    /// <summary>Folder of trained models; relative paths are under the application's folder. Default <c>Model</c>.</summary>
    [Required]
    public string Directory { get; set; } = "Model";
}

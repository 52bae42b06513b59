using Microsoft.ML.Data;

namespace LlmReference.FraudService.Training;

/// <summary>The model's output: calibrated probability and per-slot contributions (feature contribution calculation).</summary>
public sealed class ModelOutput
{
    public float Probability { get; set; }

    public float Score { get; set; }

    public bool PredictedLabel { get; set; }

    [VectorType(ModelFeatures.Count)]
    public float[] FeatureContributions { get; set; } = new float[ModelFeatures.Count];
}

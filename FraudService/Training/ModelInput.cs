using Microsoft.ML.Data;

namespace LlmReference.FraudService.Training;

/// <summary>One row for ML.NET: the feature vector and, for training, the (noisy) label.</summary>
public sealed class ModelInput
{
    [VectorType(ModelFeatures.Count)]
    public float[] Features { get; set; } = new float[ModelFeatures.Count];

    public bool Label { get; set; }
}

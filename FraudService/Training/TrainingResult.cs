using Microsoft.ML;

namespace LlmReference.FraudService.Training;

/// <summary>The trained model with its card.</summary>
public sealed record TrainingResult(ITransformer Model, DataViewSchema InputSchema, ModelCard Card);

using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Training;

/// <summary>The service as configured by default: serving the shipped trained model.</summary>
public sealed class TrainedModelFactory : FraudServiceFactory
{
    protected override string ModelKind => "trained";
}

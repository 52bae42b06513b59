namespace LlmReference.FraudService.Monitoring;

/// <summary>Drift of the scored traffic against the model's reference distributions.</summary>
/// <param name="WindowSize">Configured window (most recent scored transactions).</param>
/// <param name="Count">Scored transactions currently in the window.</param>
/// <param name="Status">Verdict from the largest PSI.</param>
/// <param name="MaxPsiFeature">Which quantity drifted most.</param>
/// <param name="Psi">
/// PSI per quantity (<c>score</c>, <c>amountUsd</c>, ...); null while <see cref="DriftStatus.InsufficientData"/>, when a
/// few transactions would give large, meaningless values.
/// </param>
/// <param name="ReferenceSampleSize">Transactions behind the reference distributions.</param>
public sealed record DriftMonitoring(
    int WindowSize,
    long Count,
    DriftStatus Status,
    string? MaxPsiFeature,
    double? MaxPsi,
    IReadOnlyDictionary<string, double>? Psi,
    int ReferenceSampleSize);

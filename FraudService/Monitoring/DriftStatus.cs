namespace LlmReference.FraudService.Monitoring;

/// <summary>Drift verdict from the largest PSI, with the usual thresholds. Serialized in snake case.</summary>
public enum DriftStatus
{
    /// <summary>Too few scored transactions in the window to judge.</summary>
    InsufficientData,

    /// <summary>Largest PSI below the watch threshold (0.1).</summary>
    Stable,

    /// <summary>Largest PSI at or above the watch threshold but below the act threshold (0.2).</summary>
    Watch,

    /// <summary>Largest PSI at or above the act threshold: the model sees traffic unlike its reference.</summary>
    Act,
}

namespace LlmReference.FraudService.Simulation;

/// <summary>Which world the simulator draws from.</summary>
public enum TrafficProfile
{
    /// <summary>The distribution the model was trained on: about 1.5 % fraud in three known patterns.</summary>
    Baseline,

    /// <summary>
    /// Shifted traffic for drift detection: amounts inflated by 75 %, a merchant mix moved online, and a new fraud
    /// pattern (domestic account takeover) that the model has never seen, at about 3 % prevalence.
    /// </summary>
    Drifted,
}

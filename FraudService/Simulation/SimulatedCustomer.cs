namespace LlmReference.FraudService.Simulation;

/// <summary>A simulated card holder: where they live, what they spend, when and how they shop.</summary>
internal sealed record SimulatedCustomer(
    string Id,
    string HomeCountry,
    string Currency,
    double SpendFactor,
    double ActiveHourMean,
    double OnlineShare,
    string[] Favourites);

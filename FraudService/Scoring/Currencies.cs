using System.Collections.Frozen;

namespace LlmReference.FraudService.Scoring;

/// <summary>
/// The ISO 4217 currencies the service accepts, each with an approximate value in US dollars. The rate only puts
/// amounts on one scale for the "amount relative to typical" feature; it is not for settlement, and being a few
/// percent off does not change a decision.
/// </summary>
public static class Currencies
{
    /// <summary>Accepted code → approximate US dollars per unit.</summary>
    public static readonly FrozenDictionary<string, decimal> UsdPerUnit = new Dictionary<string, decimal>
    {
        ["USD"] = 1m,
        ["EUR"] = 1.08m,
        ["GBP"] = 1.27m,
        ["CHF"] = 1.12m,
        ["JPY"] = 0.0067m,
        ["CAD"] = 0.73m,
        ["AUD"] = 0.66m,
        ["NZD"] = 0.61m,
        ["SEK"] = 0.095m,
        ["NOK"] = 0.093m,
        ["DKK"] = 0.145m,
        ["PLN"] = 0.25m,
        ["CZK"] = 0.043m,
        ["HUF"] = 0.0027m,
        ["RON"] = 0.22m,
        ["CNY"] = 0.14m,
        ["HKD"] = 0.128m,
        ["SGD"] = 0.74m,
        ["INR"] = 0.012m,
        ["KRW"] = 0.00074m,
        ["BRL"] = 0.18m,
        ["MXN"] = 0.055m,
        ["ZAR"] = 0.054m,
        ["TRY"] = 0.03m,
        ["AED"] = 0.272m,
        ["SAR"] = 0.267m,
        ["ILS"] = 0.27m,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsAccepted(string code) => UsdPerUnit.ContainsKey(code);

    public static double ToUsd(decimal amount, string currency) => (double)(amount * UsdPerUnit[currency]);
}

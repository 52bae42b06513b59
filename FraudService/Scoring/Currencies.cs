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

    /// <summary>
    /// Accepted code → ISO 4217 minor unit: the number of decimal places an amount may have (2 for EUR, 0 for JPY).
    /// An amount finer than that (0.001 GBP, 0.5 JPY) cannot be charged to a card, so it is refused, not rounded.
    /// </summary>
    public static readonly FrozenDictionary<string, int> MinorUnits = new Dictionary<string, int>
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["JPY"] = 0, ["CAD"] = 2, ["AUD"] = 2, ["NZD"] = 2,
        ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["RON"] = 2, ["CNY"] = 2,
        ["HKD"] = 2, ["SGD"] = 2, ["INR"] = 2, ["KRW"] = 0, ["BRL"] = 2, ["MXN"] = 2, ["ZAR"] = 2, ["TRY"] = 2,
        ["AED"] = 2, ["SAR"] = 2, ["ILS"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsAccepted(string code) => UsdPerUnit.ContainsKey(code);

    /// <summary>Whether <paramref name="amount"/> is a whole number of the currency's minor unit (trailing zeros allowed: 10.500 EUR is fine).</summary>
    public static bool FitsMinorUnit(decimal amount, string currency) =>
        decimal.Round(amount, MinorUnits[currency], MidpointRounding.ToZero) == amount;

    public static double ToUsd(decimal amount, string currency) => (double)(amount * UsdPerUnit[currency]);
}

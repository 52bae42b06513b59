using System.Collections.Frozen;

namespace LlmReference.FraudService.Scoring;

/// <summary>A merchant category the service knows, with the figures the transparent model uses.</summary>
/// <param name="Name">Wire name, e.g. <c>grocery</c>.</param>
/// <param name="TypicalAmountUsd">A typical ticket in this category, used until a customer has enough history.</param>
/// <param name="Risk">How strongly the category is associated with fraud, 0 (none) to about 1.3 (cash-like goods).</param>
public sealed record MerchantCategory(string Name, double TypicalAmountUsd, double Risk);

/// <summary>
/// The fixed set of merchant categories (coarse groups of ISO 18245 merchant category codes). Cash-like and
/// easily resold goods (gift cards, crypto, money transfer, gambling, jewellery, electronics) carry the most risk.
/// </summary>
public static class MerchantCategories
{
    public static readonly FrozenDictionary<string, MerchantCategory> All = new MerchantCategory[]
    {
        new("grocery", 45, 0),
        new("restaurants", 35, 0),
        new("fuel", 50, 0.1),
        new("pharmacy", 30, 0),
        new("utilities", 90, 0),
        new("services", 80, 0.1),
        new("apparel", 70, 0.2),
        new("entertainment", 40, 0.2),
        new("hotels", 250, 0.3),
        new("travel", 450, 0.4),
        new("online_marketplace", 60, 0.5),
        new("electronics", 300, 0.6),
        new("digital_goods", 15, 0.7),
        new("jewelry", 500, 0.8),
        new("gift_cards", 100, 1.0),
        new("money_transfer", 300, 1.0),
        new("gambling", 100, 1.2),
        new("crypto", 250, 1.3),
    }.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);

    public static bool IsKnown(string name) => All.ContainsKey(name);
}

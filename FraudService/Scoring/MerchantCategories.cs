using System.Collections.Frozen;

namespace LlmReference.FraudService.Scoring;

/// <summary>A merchant category the service knows, with the figures the transparent model uses.</summary>
/// <param name="Category">The category from the shared contract.</param>
/// <param name="TypicalAmountUsd">A typical ticket in this category, used until a customer has enough history.</param>
/// <param name="Risk">How strongly the category is associated with fraud, 0 (none) to about 1.3 (cash-like goods).</param>
public sealed record MerchantCategoryProfile(MerchantCategory Category, double TypicalAmountUsd, double Risk)
{
    /// <summary>Wire name, e.g. <c>grocery</c>.</summary>
    public string Name => Category.ToWireName();
}

/// <summary>
/// The risk profile of every merchant category in the contract (<see cref="MerchantCategory"/>). Cash-like and
/// easily resold goods (gift cards, crypto, money transfer, gambling, jewellery, electronics) carry the most risk.
/// A category is added in the contract first; the test <c>EveryContractCategoryHasAProfile</c> then asks for its row here.
/// </summary>
public static class MerchantCategories
{
    public static readonly FrozenDictionary<string, MerchantCategoryProfile> All = new MerchantCategoryProfile[]
    {
        new(MerchantCategory.Grocery, 45, 0),
        new(MerchantCategory.Restaurants, 35, 0),
        new(MerchantCategory.Fuel, 50, 0.1),
        new(MerchantCategory.Pharmacy, 30, 0),
        new(MerchantCategory.Utilities, 90, 0),
        new(MerchantCategory.Services, 80, 0.1),
        new(MerchantCategory.Apparel, 70, 0.2),
        new(MerchantCategory.Entertainment, 40, 0.2),
        new(MerchantCategory.Hotels, 250, 0.3),
        new(MerchantCategory.Travel, 450, 0.4),
        new(MerchantCategory.OnlineMarketplace, 60, 0.5),
        new(MerchantCategory.Electronics, 300, 0.6),
        new(MerchantCategory.DigitalGoods, 15, 0.7),
        new(MerchantCategory.Jewelry, 500, 0.8),
        new(MerchantCategory.GiftCards, 100, 1.0),
        new(MerchantCategory.MoneyTransfer, 300, 1.0),
        new(MerchantCategory.Gambling, 100, 1.2),
        new(MerchantCategory.Crypto, 250, 1.3),
    }.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);

    public static bool IsKnown(string name) => All.ContainsKey(name);
}

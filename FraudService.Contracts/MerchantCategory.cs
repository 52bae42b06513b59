using System.Text.Json.Serialization;

namespace LlmReference.FraudService.Contracts;

/// <summary>
/// The merchant categories FraudService scores (coarse groups of ISO 18245 merchant category codes). The wire names are
/// fixed here by attribute, so every serializer (FraudService's, Semantic Kernel's tool schema, a test's) spells them
/// the same way whatever its naming policy. Adding a member is a contract change: FraudService must give it a risk
/// profile, and ChatApi's tool offers it to the model automatically.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MerchantCategory>))]
public enum MerchantCategory
{
    [JsonStringEnumMemberName("grocery")] Grocery,
    [JsonStringEnumMemberName("restaurants")] Restaurants,
    [JsonStringEnumMemberName("fuel")] Fuel,
    [JsonStringEnumMemberName("pharmacy")] Pharmacy,
    [JsonStringEnumMemberName("utilities")] Utilities,
    [JsonStringEnumMemberName("services")] Services,
    [JsonStringEnumMemberName("apparel")] Apparel,
    [JsonStringEnumMemberName("entertainment")] Entertainment,
    [JsonStringEnumMemberName("hotels")] Hotels,
    [JsonStringEnumMemberName("travel")] Travel,
    [JsonStringEnumMemberName("online_marketplace")] OnlineMarketplace,
    [JsonStringEnumMemberName("electronics")] Electronics,
    [JsonStringEnumMemberName("digital_goods")] DigitalGoods,
    [JsonStringEnumMemberName("jewelry")] Jewelry,
    [JsonStringEnumMemberName("gift_cards")] GiftCards,
    [JsonStringEnumMemberName("money_transfer")] MoneyTransfer,
    [JsonStringEnumMemberName("gambling")] Gambling,
    [JsonStringEnumMemberName("crypto")] Crypto,
}

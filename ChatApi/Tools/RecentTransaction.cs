using System.Text.Json.Serialization;
using LlmReference.FraudService.Contracts;

namespace LlmReference.ChatApi.Tools;

/// <summary>
/// One entry of what <c>recent_transactions</c> tells the model (camelCase, like the rest of the API): what a
/// customer sees on a statement, and the fraud check's decision. Ids, scores, reasons and model versions stay out:
/// they cost tokens on every turn and are nothing the model should recite.
/// </summary>
public sealed record RecentTransaction(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("merchantCategory")] string MerchantCategory,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("cardPresent")] bool CardPresent,
    [property: JsonPropertyName("decision")] string Decision)
{
    public static RecentTransaction From(CustomerTransaction transaction) => new(
        transaction.Timestamp,
        transaction.Amount,
        transaction.Currency,
        transaction.MerchantCategory.ToWireName(),
        transaction.Country,
        transaction.CardPresent,
        transaction.Decision.ToWireName());
}

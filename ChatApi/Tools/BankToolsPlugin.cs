using System.ComponentModel;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Tools;

/// <summary>
/// What the assistant may do for the signed-in customer, as Semantic Kernel functions: score a transaction they
/// describe with FraudService, and list their recent scored transactions (read-only). The customer id is always the
/// caller's own user id: the model cannot ask about anyone else.
/// </summary>
public sealed class BankToolsPlugin(HttpClient fraud, string customerId, int recentLimit, TimeProvider time)
{
    public const string PluginName = "bank";

    /// <summary>Changes whenever a tool's name or contract changes; part of the response-cache key.</summary>
    public const string Fingerprint = "tools:bank-v2(score_transaction,recent_transactions)";

    // FraudService's merchant categories, with the everyday words customers use for them.
    private static readonly Dictionary<string, string> CategoryWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["restaurant"] = "restaurants", ["clothing"] = "apparel", ["subscription"] = "digital_goods",
        ["crypto"] = "money_transfer", ["hotel"] = "hotels", ["jewellery"] = "jewelry",
    };

    private static readonly HashSet<string> Categories =
    [
        "grocery", "restaurants", "fuel", "pharmacy", "utilities", "services", "apparel", "entertainment", "hotels", "travel",
        "online_marketplace", "electronics", "digital_goods", "jewelry", "gift_cards", "money_transfer", "gambling",
    ];

    [KernelFunction("score_transaction")]
    [Description("Checks a card payment the customer describes for fraud risk. Returns the decision (approve, review or decline), a risk score and the main reasons.")]
    public async Task<object> ScoreTransactionAsync(
        [Description("Amount of the payment in its currency")] decimal amount,
        [Description("ISO 4217 currency code of the payment, e.g. EUR")] string currency = "EUR",
        [Description("Merchant category, e.g. grocery, electronics, travel, gambling")] string category = "services",
        [Description("ISO 3166-1 alpha-2 country code of the merchant, e.g. DE")] string country = "DE",
        [Description("True if the card was present at a terminal (chip or contactless), false for online")] bool cardPresent = false,
        [Description("When the payment happened (ISO 8601)")] DateTimeOffset? timestamp = null,
        CancellationToken cancellationToken = default)
    {
        var request = new
        {
            amount,
            currency = currency.ToUpperInvariant(),
            merchantCategory = NormalizeCategory(category),
            country = country.ToUpperInvariant(),
            cardPresent,
            timestamp = timestamp ?? time.GetUtcNow(),
            customerId,
        };
        using var response = await fraud.PostAsJsonAsync("/api/fraud/score", request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The model gets the reason in words and can ask the customer for what was missing.
            return $"The fraud check could not score this payment ({(int)response.StatusCode}): {Detail(body)}";
        }

        // Structured, as real tool results usually are: Semantic Kernel sends it to the model as JSON.
        using var result = JsonDocument.Parse(body);
        var root = result.RootElement;
        string[] reasons = root.TryGetProperty("reasons", out var list)
            ? [.. list.EnumerateArray().Take(3).Select(r => r.GetProperty("description").GetString() ?? "")]
            : [];
        return new FraudCheck(root.GetProperty("decision").GetString() ?? "unknown", Math.Round(root.GetProperty("score").GetDouble(), 2), reasons);
    }

    /// <summary>What <c>score_transaction</c> tells the model (camelCase, like the rest of the API).</summary>
    public sealed record FraudCheck(
        [property: JsonPropertyName("decision")] string Decision,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons);

    [KernelFunction("recent_transactions")]
    [Description("Lists the customer's own most recent card transactions with their fraud check decisions.")]
    public async Task<string> RecentTransactionsAsync(CancellationToken cancellationToken = default)
    {
        var path = $"/api/fraud/customers/{Uri.EscapeDataString(customerId)}/transactions?limit={recentLimit}";
        using var response = await fraud.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"The transaction list is not available ({(int)response.StatusCode}): {Detail(body)}";
        }

        var transactions = JsonNode.Parse(body)?["transactions"]?.AsArray() ?? [];
        return transactions.Count == 0
            ? "There are no recent card transactions on file."
            : string.Join("\n", transactions.Select(t => t is null ? "" : Describe(t)));
    }

    private static string Describe(JsonNode record) =>
        $"{record["timestamp"]}: {record["amount"]} {record["currency"]} {record["merchantCategory"]} in {record["country"]} — {record["decision"]}";

    private static string NormalizeCategory(string category)
    {
        var lower = category.Trim().ToLowerInvariant();
        return Categories.Contains(lower) ? lower : CategoryWords.GetValueOrDefault(lower, "services");
    }

    private static string Detail(string problemJson)
    {
        try
        {
            return JsonNode.Parse(problemJson)?["detail"]?.GetValue<string>() ?? "no detail";
        }
        catch (JsonException)
        {
            return "no detail";
        }
    }
}

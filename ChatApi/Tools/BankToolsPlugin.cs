using System.ComponentModel;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LlmReference.FraudService.Contracts;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Tools;

/// <summary>
/// What the assistant may do for the signed-in customer, as Semantic Kernel functions: score a transaction they
/// describe with FraudService, and list their recent scored transactions (read-only). The customer is always the
/// caller of the turn the model's tool call belongs to: the model cannot ask about anyone else. Built once at start
/// (its reflection and JSON schemas cost more than a turn's other work); the caller comes from the function-invocation
/// context of each call.
/// </summary>
public sealed class BankToolsPlugin(Func<HttpClient> fraudClient, int recentLimit, TimeProvider time)
{
    public const string PluginName = "bank";

    /// <summary>
    /// Computed from the functions' metadata (<see cref="ToolFingerprint"/>), so it changes whenever a tool's name,
    /// description or parameter schema does (a new merchant category in the contract included); part of the response-cache key.
    /// </summary>
    public static string Fingerprint { get; } = ComputeFingerprint();

    /// <summary>The plugin as the kernel sees it; <paramref name="fraudClient"/> gives the FraudService client for each call.</summary>
    public static KernelPlugin Create(Func<HttpClient> fraudClient, int recentLimit, TimeProvider time) =>
        KernelPluginFactory.CreateFromObject(new BankToolsPlugin(fraudClient, recentLimit, time), PluginName);

    private static string ComputeFingerprint() =>
        // The metadata does not depend on the instance: a plugin that is never invoked is enough to read it.
        ToolFingerprint.Of(Create(static () => throw new InvalidOperationException("never invoked"), 1, TimeProvider.System).GetFunctionsMetadata());

    /// <summary>
    /// The caller the tools act for: the turn whose model call asked for the tool (function invocation carries the
    /// call's options, and with them the turn). Outside a turn there is nobody to act for.
    /// </summary>
    private static string CustomerId =>
        Chat.ChatTurnContext.Of(Microsoft.Extensions.AI.FunctionInvokingChatClient.CurrentContext?.Options)?.UserId
        ?? throw new InvalidOperationException("The bank tools act only inside a chat turn, for its caller.");

    [KernelFunction("score_transaction")]
    [Description("Checks a card payment the customer describes for fraud risk. Returns the decision (approve, review or decline), a risk score and the main reasons.")]
    public async Task<object> ScoreTransactionAsync(
        [Description("Amount of the payment in its currency")] decimal amount,
        [Description("ISO 4217 currency code of the payment, e.g. EUR")] string currency = "EUR",
        // An enum from FraudService's contract: Semantic Kernel lists its wire names in the parameter's JSON schema,
        // so the model can only choose a category FraudService scores.
        [Description("Merchant category of the payment")] MerchantCategory category = MerchantCategory.Services,
        [Description("ISO 3166-1 alpha-2 country code of the merchant, e.g. DE")] string country = "DE",
        [Description("True if the card was present at a terminal (chip or contactless), false for online")] bool cardPresent = false,
        [Description("When the payment happened (ISO 8601)")] DateTimeOffset? timestamp = null,
        CancellationToken cancellationToken = default)
    {
        var request = new ScoreRequest(
            TransactionId: null,
            Amount: amount,
            Currency: currency.ToUpperInvariant(),
            MerchantCategory: category.ToWireName(),
            Country: country.ToUpperInvariant(),
            CardPresent: cardPresent,
            Timestamp: timestamp ?? time.GetUtcNow(),
            CustomerId: CustomerId);
        using var response = await fraudClient().PostAsJsonAsync("/api/fraud/score", request, FraudJson.Options, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return await NotAvailableAsync("The fraud check could not score this payment", response, cancellationToken);
        }

        // Structured, as real tool results usually are: Semantic Kernel sends it to the model as JSON.
        var score = await ReadAsync<ScoreResponse>(response, cancellationToken);
        return new FraudCheck(score.Decision.ToWireName(), Math.Round(score.Score, 2), [.. score.Reasons.Take(3).Select(r => r.Description)]);
    }

    /// <summary>What <c>score_transaction</c> tells the model (camelCase, like the rest of the API).</summary>
    public sealed record FraudCheck(
        [property: JsonPropertyName("decision")] string Decision,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons);

    [KernelFunction("recent_transactions")]
    [Description("Lists the customer's own most recent card transactions with their fraud check decisions.")]
    public async Task<object> RecentTransactionsAsync(CancellationToken cancellationToken = default)
    {
        var path = $"/api/fraud/customers/{Uri.EscapeDataString(CustomerId)}/transactions?limit={recentLimit}";
        using var response = await fraudClient().GetAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return await NotAvailableAsync("The transaction list is not available", response, cancellationToken);
        }

        var list = await ReadAsync<CustomerTransactionsResponse>(response, cancellationToken);
        return list.Transactions.Select(RecentTransaction.From).ToList();
    }

    /// <summary>A failed call in words, so the model can tell the customer (or ask for what was missing).</summary>
    private static async Task<string> NotAvailableAsync(string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await response.Content.ReadAsStringAsync(cancellationToken);
        return $"{what} ({(int)response.StatusCode}): {Detail(problem)}";
    }

    /// <summary>A 2xx reply as FraudService's contract type.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(FraudJson.Options, cancellationToken)
        ?? throw new JsonException("FraudService answered 2xx with an empty body.");

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

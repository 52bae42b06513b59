using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
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
        using var message = new HttpRequestMessage(HttpMethod.Post, FraudClientTelemetry.ScoreRoute)
        {
            Content = JsonContent.Create(request, options: FraudJson.Options),
        }.WithRoute(FraudClientTelemetry.ScoreRoute, "ScoreTransaction");
        using var response = await fraudClient().SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return await NotAvailableAsync(ScoreUnavailable, response, cancellationToken);
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
        using var message = new HttpRequestMessage(HttpMethod.Get, path).WithRoute(FraudClientTelemetry.CustomerTransactionsRoute, "CustomerTransactions");
        using var response = await fraudClient().SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return await NotAvailableAsync(TransactionsUnavailable, response, cancellationToken);
        }

        var list = await ReadAsync<CustomerTransactionsResponse>(response, cancellationToken);
        return list.Transactions.Select(RecentTransaction.From).ToList();
    }

    /// <summary>What the model is told when scoring failed: safe to read out, no status codes or field names.</summary>
    public const string ScoreUnavailable =
        "The fraud check is not available for this payment right now. Tell the customer it could not be checked at the moment, do not guess a result, and offer to help them freeze the card or report the payment in the app.";

    /// <summary>What the model is told when the transaction list failed.</summary>
    public const string TransactionsUnavailable =
        "The transaction list is not available right now. Tell the customer it could not be loaded at the moment and that their transactions are always in the app.";

    /// <summary>
    /// A failed call: the model gets a neutral sentence it can pass on to the customer (FraudService's problem detail,
    /// "1 field(s) are missing or invalid: timestamp", is for engineers, not for a customer); the status and the detail
    /// go to the tool's span (error status, <c>error.type</c> and a <c>bank.tool.failure</c> event) for whoever reads the trace.
    /// </summary>
    private static async Task<string> NotAvailableAsync(string neutral, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await response.Content.ReadAsStringAsync(cancellationToken);
        if (Activity.Current is { IsAllDataRequested: true } span)
        {
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            span.SetStatus(ActivityStatusCode.Error, Detail(problem));
            span.SetTag("error.type", status);
            span.AddEvent(new ActivityEvent(FailureEvent, tags: new ActivityTagsCollection
            {
                ["http.response.status_code"] = (int)response.StatusCode,
                ["bank.tool.failure.detail"] = Detail(problem),
            }));
        }

        return neutral;
    }

    /// <summary>Event on the tool's span when FraudService refused or failed a call.</summary>
    public const string FailureEvent = "bank.tool.failure";

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

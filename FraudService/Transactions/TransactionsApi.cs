using LlmReference.FraudService.Access;
using LlmReference.FraudService.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Transactions;

/// <summary>Read-only look-ups of scored transactions (ChatApi uses these as tools).</summary>
public static class TransactionsApi
{
    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/fraud").WithTags("Transactions")
            .RequireFraudApiKey()
            // Without the transaction store nothing can be kept: 503 + Retry-After at once while the cache is down.
            .RequireCache();
        group.MapGet("/transactions/{transactionId}", GetTransactionAsync).WithName("GetTransaction");
        group.MapGet("/customers/{customerId}/transactions", GetCustomerTransactionsAsync).WithName("GetCustomerTransactions");
        return app;
    }

    public static async Task<Results<Ok<ScoredTransaction>, ProblemHttpResult>> GetTransactionAsync(
        string transactionId, TransactionStore store, IOptions<TransactionValidationOptions> limits)
    {
        if (!TransactionValidator.IsValidId(transactionId, limits.Value.MaxIdLength))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid transaction id",
                detail: $"A transaction id is 1-{limits.Value.MaxIdLength} characters of letters, digits, '.', '_' or '-'.");
        }

        var scored = await store.GetAsync(transactionId);
        return scored is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Transaction not found",
                detail: $"No scored transaction '{transactionId}': it was never scored, or it is older than the retention ({store.Ttl}).")
            : TypedResults.Ok(scored);
    }

    public static async Task<Results<Ok<CustomerTransactionsResponse>, ProblemHttpResult>> GetCustomerTransactionsAsync(
        string customerId, int? limit, TransactionStore store, IOptions<TransactionValidationOptions> limits, IOptions<FraudApiOptions> api)
    {
        if (!TransactionValidator.IsValidId(customerId, limits.Value.MaxIdLength))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid customer id",
                detail: $"A customer id is 1-{limits.Value.MaxIdLength} characters of letters, digits, '.', '_' or '-'.");
        }

        var max = api.Value.MaxRecentLimit;
        if (limit is < 1 || limit > max)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit",
                detail: $"'limit' must be between 1 and {max}.");
        }

        var transactions = await store.GetRecentForCustomerAsync(customerId, limit ?? api.Value.DefaultRecentLimit);
        return TypedResults.Ok(new CustomerTransactionsResponse(customerId, [.. transactions.Select(t => t.ToCustomerTransaction())]));
    }
}

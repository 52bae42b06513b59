using LlmReference.FraudService.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Scoring;

/// <summary><c>POST /api/fraud/score</c> (one card transaction) and <c>POST /api/fraud/score/batch</c> (several, in order).</summary>
public static class ScoringApi
{
    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<FraudApiOptions>>().Value;
        var group = app.MapGroup("/api/fraud").WithTags("Scoring")
            .RequireFraudApiKey()
            // Without the transaction store nothing can be kept: 503 + Retry-After at once while the cache is down.
            .RequireCache();

        group.MapPost("/score", ScoreAsync).WithName("ScoreTransaction").WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBodyBytes));
        group.MapPost("/score/batch", ScoreBatchAsync).WithName("ScoreTransactions").WithMetadata(new RequestSizeLimitAttribute(limits.MaxBatchRequestBodyBytes));
        return app;
    }

    public static async Task<Results<Ok<ScoreResponse>, ValidationProblem, ProblemHttpResult>> ScoreAsync(
        ScoreRequest request,
        TransactionScorer scorer,
        IOptions<TransactionValidationOptions> limits,
        TimeProvider time)
    {
        if (!TransactionValidator.TryValidate(request, limits.Value, time.GetUtcNow(), out var transaction, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid transaction",
                detail: $"{errors.Count} field(s) are missing or invalid: {string.Join(", ", errors.Keys)}.");
        }

        var outcome = await scorer.ScoreAsync(transaction);
        return outcome.Status switch
        {
            ScoringStatus.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Transaction id already used",
                detail: $"Transaction '{transaction.TransactionId}' was already scored with different content. Use a new id, or GET /api/fraud/transactions/{transaction.TransactionId} for the stored result."),
            _ => TypedResults.Ok(outcome.Response!),
        };
    }

    public static async Task<Results<Ok<ScoreBatchResponse>, ValidationProblem, ProblemHttpResult>> ScoreBatchAsync(
        ScoreBatchRequest request,
        TransactionScorer scorer,
        IOptions<TransactionValidationOptions> limits,
        IOptions<FraudApiOptions> api,
        TimeProvider time)
    {
        var max = api.Value.MaxBatchSize;
        if (request.Transactions is not { Count: > 0 } items)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Empty batch", detail: "'transactions' must hold at least one transaction.");
        }

        if (items.Count > max)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Batch too large",
                detail: $"'transactions' holds {items.Count} transactions; at most {max} are accepted per batch ({FraudApiOptions.SectionName}:{nameof(FraudApiOptions.MaxBatchSize)}).");
        }

        // All or nothing: validate every item before scoring any, so that a rejected batch can simply be fixed and resent.
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var transactions = new CardTransaction[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                errors[$"transactions[{i}]"] = ["Must be a transaction object, not null."];
            }
            else if (TransactionValidator.TryValidate(item, limits.Value, now, out var transaction, out var itemErrors))
            {
                transactions[i] = transaction;
            }
            else
            {
                foreach (var (field, messages) in itemErrors)
                {
                    errors[$"transactions[{i}].{field}"] = messages;
                }
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid transactions",
                detail: $"{errors.Count} field(s) are missing or invalid; no transaction was scored.");
        }

        // In order, one after another: a later transaction's velocity counts the earlier ones, exactly as if sent singly.
        var results = new ScoreBatchItem[transactions.Length];
        for (var i = 0; i < transactions.Length; i++)
        {
            var outcome = await scorer.ScoreAsync(transactions[i]);
            results[i] = new ScoreBatchItem(transactions[i].TransactionId, outcome.Status, outcome.Response);
        }

        return TypedResults.Ok(new ScoreBatchResponse(results));
    }
}

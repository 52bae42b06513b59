using LlmReference.FraudService.Access;
using LlmReference.FraudService.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Labels;

/// <summary><c>POST /api/fraud/labels</c> (one) and <c>POST /api/fraud/labels/batch</c> (many): the late truth about scored transactions.</summary>
public static class LabelsApi
{
    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.ServiceProvider.GetRequiredService<IOptions<FraudApiOptions>>().Value;
        var labels = app.ServiceProvider.GetRequiredService<IOptions<LabelsOptions>>().Value;
        var group = app.MapGroup("/api/fraud/labels").WithTags("Labels")
            .RequireFraudApiKey()
            // Without the transaction store nothing can be kept: 503 + Retry-After at once while the cache is down.
            .RequireCache();

        group.MapPost("/", RecordAsync).WithName("RecordLabel").WithMetadata(new RequestSizeLimitAttribute(api.MaxRequestBodyBytes));
        group.MapPost("/batch", RecordBatchAsync).WithName("RecordLabels").WithMetadata(new RequestSizeLimitAttribute(labels.MaxRequestBodyBytes));
        return app;
    }

    public static async Task<Results<Ok<LabelResult>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        LabelRequest request, LabelService labels, IOptions<TransactionValidationOptions> limits, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        LabelValidator.Validate(request, "", limits.Value, time.GetUtcNow(), errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid label", detail: $"Invalid field(s): {string.Join(", ", errors.Keys)}.");
        }

        var result = await labels.RecordAsync(request.TransactionId!, request.IsFraud!.Value, request.LabelledAt);
        return result.Status switch
        {
            LabelStatus.Unknown => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Transaction not found",
                detail: $"No scored transaction '{result.TransactionId}': it was never scored, or it expired before the label arrived."),
            LabelStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transaction already labelled",
                detail: $"Transaction '{result.TransactionId}' already has the opposite label; the first label stands."),
            _ => TypedResults.Ok(result),
        };
    }

    public static async Task<Results<Ok<LabelBatchResponse>, ValidationProblem, ProblemHttpResult>> RecordBatchAsync(
        LabelBatchRequest request, LabelService labels, IOptions<LabelsOptions> options, IOptions<TransactionValidationOptions> limits, TimeProvider time)
    {
        var max = options.Value.MaxBatchSize;
        if (request.Labels is not { Count: > 0 } items)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Empty batch", detail: "'labels' must hold at least one label.");
        }

        if (items.Count > max)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Batch too large",
                detail: $"'labels' holds {items.Count} labels; at most {max} are accepted per batch ({LabelsOptions.SectionName}:{nameof(LabelsOptions.MaxBatchSize)}).");
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            LabelValidator.Validate(items[i], $"labels[{i}].", limits.Value, now, errors);
        }

        if (errors.Count > 0)
        {
            // All or nothing: a half-applied batch would be hard for the sender to retry.
            return TypedResults.ValidationProblem(errors, title: "Invalid labels", detail: $"{errors.Count} field(s) are invalid; no label was recorded.");
        }

        var results = new LabelResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            results[i] = await labels.RecordAsync(items[i].TransactionId!, items[i].IsFraud!.Value, items[i].LabelledAt);
        }

        return TypedResults.Ok(new LabelBatchResponse(
            Accepted: results.Count(r => r.Status == LabelStatus.Accepted),
            Duplicates: results.Count(r => r.Status == LabelStatus.Duplicate),
            Conflicts: results.Count(r => r.Status == LabelStatus.Conflict),
            UnknownTransactionIds: [.. results.Where(r => r.Status == LabelStatus.Unknown).Select(r => r.TransactionId)],
            Results: results));
    }
}

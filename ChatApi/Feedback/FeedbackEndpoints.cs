using System.Diagnostics;
using System.Security.Claims;
using LlmReference.ChatApi.Guardrails;
using LlmReference.ChatApi.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Feedback;

public static class FeedbackEndpoints
{
    public const string Path = "/api/chat/feedback";

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<FeedbackOptions>>().Value;

        app.MapGroup("/api/chat")
            .WithTags("Feedback")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitingServiceExtensions.ChatPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBodyBytes))
            .RequireCache()
            .MapPost("/feedback", PostFeedbackAsync)
            .WithName("ChatFeedback")
            .WithSummary("Rate one of your recent answers (thumbs up or down, optional comment).");

        return app;
    }

    /// <summary>
    /// <c>POST /api/chat/feedback</c>: the caller's thumbs up or down on one of their recent answers. Stored in Redis
    /// (a second vote replaces the first), counted in <c>chat.feedback</c> and recorded as a <c>gen_ai.evaluation.result</c>
    /// event tied to the response id, on a span in the rated answer's trace.
    /// </summary>
    public static async Task<Results<Ok<FeedbackReceipt>, ValidationProblem, ProblemHttpResult>> PostFeedbackAsync(
        FeedbackRequest request, [AsParameters] FeedbackServices services)
    {
        var options = services.Options.CurrentValue;
        var errors = FeedbackRequestValidator.Validate(request, options);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: FeedbackRequestValidator.Describe(errors), title: "Invalid feedback");
        }

        // RequireAuthorization guarantees an authenticated caller with a validated user id.
        var userId = services.Http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var responseId = request.ResponseId!;
        var score = request.Score!;
        try
        {
            var answer = await services.Responses.GetAsync(userId, responseId);
            if (answer is null)
            {
                Log.UnknownResponse(services.Logger, responseId, userId);
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown response",
                    detail: $"No answer with responseId '{responseId}' was given to you in the last {options.ResponseTtl}. " +
                            "Feedback can only be given on your own recent answers.");
            }

            var requestTraceId = Activity.Current?.TraceId.ToHexString();
            using var activity = StartSpan(answer, responseId, score);
            var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : SensitiveMask.MaskNumbers(request.Comment);
            var saved = await services.Store.SaveAsync(responseId, userId,
                new FeedbackEntry(score, comment, answer.Model, answer.SessionId, services.Time.GetUtcNow()));
            Log.Saved(services.Logger, responseId, userId, score, saved.Result);

            switch (saved.Result)
            {
                case FeedbackResult.Conflict:
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Feedback busy",
                        detail: "Your vote on this answer was being changed by another request at the same time; it was not saved. Send it again.");
                case FeedbackResult.Recorded or FeedbackResult.Updated:
                    services.Metrics.RecordVote(score, saved.Result, answer.Model);
                    GenAiEvaluation.Record(activity, FeedbackTelemetry.EvaluationName, FeedbackScore.Value(score), score, responseId,
                        saved.Result == FeedbackResult.Updated ? $"Customer changed their vote from {saved.Previous!.Score}." : "Customer vote.");
                    break;
            }

            return TypedResults.Ok(new FeedbackReceipt(responseId, score, saved.Result.ToString().ToLowerInvariant(), requestTraceId));
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            Log.StoreUnavailable(services.Logger, responseId, ex);
            await services.Http.ReportCacheFailureAsync(ex);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Feedback store unavailable",
                detail: "Your feedback could not be stored because the store (cache) did not answer; it was not saved. Retry after the time in Retry-After.");
        }
    }

    /// <summary>
    /// A span of its own in the rated answer's trace (a late child of its chat turn, so the evaluation sits next to the
    /// GenAI call it judges), linked to this request's span. Without a recorded turn it stays in the request's trace.
    /// </summary>
    private static Activity? StartSpan(ResponseRecord answer, string responseId, string score)
    {
        ActivityLink[]? links = Activity.Current is { } request ? [new ActivityLink(request.Context)] : null;
        var activity = answer.TurnContext is { } turn
            ? ChatApiTelemetry.Source.StartActivity(FeedbackTelemetry.Span, ActivityKind.Internal, turn, links: links)
            : ChatApiTelemetry.Source.StartActivity(FeedbackTelemetry.Span);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChatApiTelemetry.Tags.ResponseId, responseId);
            activity.SetTag(ChatApiTelemetry.Tags.ConversationId, answer.SessionId);
            activity.SetTag(ChatApiTelemetry.Tags.ResponseModel, answer.Model);
            activity.SetTag(FeedbackTelemetry.Tags.Score, score);
        }

        return activity;
    }
}

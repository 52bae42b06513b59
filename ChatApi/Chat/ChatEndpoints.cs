using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Caching;
using LlmReference.ChatApi.RateLimiting;
using LlmReference.ChatApi.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static LlmReference.ChatApi.ChatApiTelemetry;

namespace LlmReference.ChatApi.Chat;

public static class ChatEndpoints
{
    /// <summary>Remaining tokens of the caller's per-minute budget, on every chat answer and budget refusal.</summary>
    public const string RemainingMinuteTokensHeader = "X-RateLimit-Remaining-Tokens";

    /// <summary>Remaining tokens of the caller's daily budget.</summary>
    public const string RemainingDayTokensHeader = "X-RateLimit-Remaining-Tokens-Day";

    public const string StreamPath = "/api/chat/stream";

    /// <summary>
    /// <c>new</c>, <c>continued</c> or <c>restarted</c> (<see cref="SessionStatus"/>), on every answer; sent before a
    /// stream's first event, so a client learns of a restarted session before the answer arrives.
    /// </summary>
    public const string SessionStatusHeader = "X-Session-Status";

    /// <summary>Endpoint names (OpenAPI operation ids).</summary>
    public const string ChatName = "Chat";
    public const string ChatStreamName = "ChatStream";

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<ChatApiOptions>>().Value;

        var chat = app.MapGroup("/api/chat")
            .WithTags("Chat")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitingServiceExtensions.ChatPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBodyBytes))
            // History, budgets and the response cache live in Redis: without it, 503 + Retry-After at once (ServiceDefaults).
            .RequireCache();

        chat.MapPost("", PostChatAsync).WithName(ChatName);
        chat.MapPost("/stream", PostChatStreamAsync).WithName(ChatStreamName);

        return app;
    }

    /// <summary><c>POST /api/chat</c>: the whole answer in one JSON response.</summary>
    public static async Task<Results<Ok<ChatResponse>, ValidationProblem, ProblemHttpResult>> PostChatAsync(
        ChatRequest request, [AsParameters] ChatServices services, CancellationToken cancellationToken)
    {
        if (Validate(request, services, streaming: false) is { } invalid)
        {
            return invalid;
        }

        var turnRequest = Identify(request, services);
        var started = services.Time.GetTimestamp();
        try
        {
            var turn = await services.Turns.SendAsync(turnRequest, cancellationToken);
            var session = turn.Session!;
            var elapsed = services.Time.GetElapsedTime(started);
            services.Metrics.RecordRequest(Outcomes.Success, services.Model, streaming: false, elapsed);
            Log.ChatTurnCompleted(services.Logger, session.Id, turn.Model, turn.ResponseId, turn.InputTokens, turn.OutputTokens, elapsed.TotalMilliseconds);
            AddBudgetHeaders(services.Http.Response, turn.Budget);
            services.Http.Response.Headers[SessionStatusHeader] = session.Status;

            return TypedResults.Ok(new ChatResponse(
                session.Id, turn.Reply, turn.Model, new ChatUsage(turn.InputTokens, turn.OutputTokens),
                turn.ResponseId, Activity.Current?.TraceId.ToHexString(), turn.Cached, turn.Deployment?.Name, session.Status, session.PreviousId));
        }
        catch (Exception ex) when (ChatFailure.Describe(ex, services.Model, cancellationToken) is { } failure)
        {
            return await FailAsync(services, turnRequest, ex, failure, started, streaming: false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A bug: the exception handler turns it into a 500 problem. Counted, or the availability SLO would not see it.
            services.Metrics.RecordRequest(Outcomes.InternalError, services.Model, streaming: false, services.Time.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>
    /// <c>POST /api/chat/stream</c>: server-sent events — <c>delta</c> events with pieces of the answer, then one
    /// <c>done</c> (usage, model, latency, response id) or <c>error</c> event. Anything that fails before the first
    /// piece (validation, budget, model unreachable) is an ordinary problem-details response instead.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> PostChatStreamAsync(
        ChatRequest request, [AsParameters] ChatServices services, CancellationToken cancellationToken)
    {
        if (Validate(request, services, streaming: true) is { } invalid)
        {
            return invalid;
        }

        var turnRequest = Identify(request, services);
        var started = services.Time.GetTimestamp();
        try
        {
            var turn = await services.Turns.StreamAsync(turnRequest, cancellationToken);
            services.Http.Response.Headers[SessionStatusHeader] = turn.Session.Status;
            return TypedResults.ServerSentEvents(StreamEvents(turn, services, started, cancellationToken));
        }
        catch (Exception ex) when (ChatFailure.Describe(ex, services.Model, cancellationToken) is { } failure)
        {
            return await FailAsync(services, turnRequest, ex, failure, started, streaming: true);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            services.Metrics.RecordRequest(Outcomes.InternalError, services.Model, streaming: true, services.Time.GetElapsedTime(started));
            throw;
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamEvents(
        StreamedTurn turn, ChatServices services, long started, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var traceId = Activity.Current?.TraceId.ToHexString();
        var session = turn.Session;
        var firstSent = false;
        await using var events = turn.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatTurnEvent next;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }

                next = events.Current;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client went away: the turn's model call was cancelled with it and nobody is left to tell.
                services.Metrics.RecordRequest(Outcomes.ClientDisconnected, services.Model, streaming: true, services.Time.GetElapsedTime(started));
                Log.StreamAbandonedByClient(services.Logger, session.Id);
                yield break;
            }

            var elapsed = services.Time.GetElapsedTime(started);
            switch (next)
            {
                case ChatTurnEvent.Delta delta:
                    if (!firstSent)
                    {
                        firstSent = true;
                        services.Metrics.RecordStreamFirstChunk(elapsed, services.Model, delta.Cached);
                    }

                    yield return Event(ChatStreamEvents.Delta, new ChatDelta(delta.Text));
                    break;

                case ChatTurnEvent.Completed { Turn: var done }:
                    services.Metrics.RecordRequest(Outcomes.Success, services.Model, streaming: true, elapsed);
                    Log.ChatTurnCompleted(services.Logger, session.Id, done.Model, done.ResponseId, done.InputTokens, done.OutputTokens, elapsed.TotalMilliseconds);
                    yield return Event(ChatStreamEvents.Done, new ChatStreamDone(
                        session.Id, done.Model, new ChatUsage(done.InputTokens, done.OutputTokens), done.ResponseId, traceId,
                        elapsed.TotalMilliseconds, (done.TimeToFirstChunk ?? elapsed).TotalMilliseconds, done.Cached, done.Deployment?.Name,
                        session.Status, session.PreviousId));
                    yield break;

                case ChatTurnEvent.Failed { Error: var failure }:
                    if (cancellationToken.IsCancellationRequested)
                    {
                        services.Metrics.RecordRequest(Outcomes.ClientDisconnected, services.Model, streaming: true, elapsed);
                        Log.StreamAbandonedByClient(services.Logger, session.Id);
                        yield break;
                    }

                    var described = ChatFailure.Describe(failure, services.Model, cancellationToken)
                        ?? new ChatFailure(StatusCodes.Status500InternalServerError, "Stream failed", "The answer could not be completed. Try again.", Outcomes.ModelError);
                    services.Metrics.RecordRequest(described.Outcome, services.Model, streaming: true, elapsed);
                    if (described.Outcome == Outcomes.StoreUnavailable)
                    {
                        // The handler's outcome was counted when the stream started; this failure counts on its own.
                        await services.Http.ReportCacheFailureAsync(failure);
                    }

                    if (failure is ModelRejectedException rejected)
                    {
                        LogRejection(services, session.Id, rejected);
                    }
                    else
                    {
                        Log.StreamFailed(services.Logger, session.Id, described.Outcome, failure);
                    }

                    yield return Event(ChatStreamEvents.Error, new ChatStreamError(described.Status, described.Title, described.Detail, traceId));
                    yield break;
            }
        }
    }

    private static SseItem<string> Event<T>(string type, T payload) => new(JsonSerializer.Serialize(payload, EventJson), type);

    private static ValidationProblem? Validate(ChatRequest request, ChatServices services, bool streaming)
    {
        var errors = ChatRequestValidator.Validate(request, services.ChatOptions.Value);
        if (errors.Count == 0)
        {
            return null;
        }

        services.Metrics.RecordRequest(Outcomes.InvalidRequest, services.Model, streaming);
        return TypedResults.ValidationProblem(errors, detail: ChatRequestValidator.Describe(errors), title: "Invalid chat request");
    }

    /// <summary>The validated request as the turn takes it: the caller, the session id sent, the message, the cache bypass.</summary>
    private static ChatTurnRequest Identify(ChatRequest request, ChatServices services) => new(
        // RequireAuthorization guarantees an authenticated caller with a validated user id.
        services.Http.User.FindFirstValue(ClaimTypes.NameIdentifier)!,
        request.SessionId,
        request.Message!,
        ResponseCacheKey.IsBypassRequested(services.Http.Request.Headers.CacheControl));

    private static void LogRejection(ChatServices services, string sessionId, ModelRejectedException rejected)
    {
        Log.ModelRejected(services.Logger, sessionId, rejected.Deployment.Name, rejected.Deployment.Model, rejected.StatusCode,
            rejected.ProviderErrorCode ?? "no error code");
        if (services.LlmOptions.Value.CaptureContent)
        {
            Log.ModelRejectionText(services.Logger, sessionId, rejected.Deployment.Name, rejected.ProviderText);
        }
    }

    private static async Task<ProblemHttpResult> FailAsync(ChatServices services, ChatTurnRequest request, Exception exception, ChatFailure failure, long started, bool streaming)
    {
        // The session id the client sent, or "new", for the logs of a failed turn.
        var sessionId = request.SessionId ?? SessionStatus.New;
        services.Metrics.RecordRequest(failure.Outcome, services.Model, streaming, services.Time.GetElapsedTime(started));
        switch (failure.Outcome)
        {
            case Outcomes.ModelUnavailable:
                Log.ModelUnavailable(services.Logger, sessionId, services.Model, exception);
                break;
            case Outcomes.ModelError when exception is ModelRejectedException rejected:
                LogRejection(services, sessionId, rejected);
                break;
            case Outcomes.StoreUnavailable:
                Log.StoreUnavailable(services.Logger, sessionId, exception);
                // Counts towards the cache breaker and sets Retry-After.
                await services.Http.ReportCacheFailureAsync(exception);
                break;
            case Outcomes.Conflict:
                Log.SessionConflict(services.Logger, sessionId);
                break;
        }

        if (exception is ModelsUnavailableException unavailable)
        {
            services.Http.Response.Headers.RetryAfter = ChatFailure.RetryAfterSeconds(unavailable.RetryAfter).ToString(CultureInfo.InvariantCulture);
        }

        if (exception is BudgetExceededException budget)
        {
            services.Http.Response.Headers.RetryAfter = ChatFailure.RetryAfterSeconds(budget.RetryAfter).ToString(CultureInfo.InvariantCulture);
            AddBudgetHeaders(services.Http.Response, budget.Status);
        }

        return TypedResults.Problem(detail: failure.Detail, statusCode: failure.Status, title: failure.Title);
    }

    private static void AddBudgetHeaders(HttpResponse response, BudgetStatus? budget)
    {
        if (budget is null || budget.RemainingThisMinute == long.MaxValue)
        {
            return;
        }

        response.Headers[RemainingMinuteTokensHeader] = budget.RemainingThisMinute.ToString(CultureInfo.InvariantCulture);
        response.Headers[RemainingDayTokensHeader] = budget.RemainingToday.ToString(CultureInfo.InvariantCulture);
    }
}

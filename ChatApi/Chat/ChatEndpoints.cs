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

        var (userId, sessionId, bypassCache) = Identify(request, services);
        var started = services.Time.GetTimestamp();
        try
        {
            var turn = await services.Chat.SendAsync(userId, request.SessionId, request.Message!, bypassCache, cancellationToken);
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
            return await FailAsync(services, sessionId, ex, failure, started, streaming: false);
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

        var (userId, sessionId, bypassCache) = Identify(request, services);
        var started = services.Time.GetTimestamp();
        PreparedTurn? prepared = null;
        try
        {
            prepared = await services.Chat.PrepareAsync(userId, request.SessionId, request.Message!, bypassCache, cancellationToken);
            Activity.Current = prepared.Activity ?? Activity.Current;
            services.Http.Response.Headers[SessionStatusHeader] = prepared.Session.Status;
            if (prepared.Cached is not null)
            {
                var cached = await services.Chat.FinishCachedAsync(prepared);
                prepared.Dispose();
                return TypedResults.ServerSentEvents(CachedEvents(cached, prepared.Session, services, started));
            }

            // Read the first piece here (failing over if needed), so an unreachable model is a 503 response
            // rather than a broken stream.
            var (stream, first) = await services.Chat.StartStreamAsync(prepared, cancellationToken);
            return TypedResults.ServerSentEvents(StreamEvents(prepared, stream, first, services, started, cancellationToken));
        }
        catch (Exception ex) when (ChatFailure.Describe(ex, services.Model, cancellationToken) is { } failure)
        {
            // StartStreamAsync has already returned any reservation of a stream that never started.
            prepared?.Dispose();
            return await FailAsync(services, sessionId, ex, failure, started, streaming: true);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            prepared?.Dispose();
            services.Metrics.RecordRequest(Outcomes.InternalError, services.Model, streaming: true, services.Time.GetElapsedTime(started));
            throw;
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamEvents(
        PreparedTurn prepared, ChatStream stream, string? first, ChatServices services, long started,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var turnScope = prepared;
        await using var streamScope = stream;
        Activity.Current = prepared.Activity ?? Activity.Current;
        var traceId = Activity.Current?.TraceId.ToHexString();

        Exception? failure = null;
        ChatTurn? turn = null;
        var guardrail = services.Guardrails.CreateStreamFilter();
        var firstSent = false;
        for (var delta = first; delta is not null && failure is null;)
        {
            if (guardrail.Append(delta) is { Length: > 0 } safe)
            {
                if (!firstSent)
                {
                    firstSent = true;
                    services.Metrics.RecordStreamFirstChunk(services.Time.GetElapsedTime(started), services.Model, cached: false);
                }

                yield return Event(ChatStreamEvents.Delta, new ChatDelta(safe));
            }

            try
            {
                delta = await stream.NextDeltaAsync();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        if (failure is null && guardrail.Complete() is { Length: > 0 } rest)
        {
            if (!firstSent)
            {
                services.Metrics.RecordStreamFirstChunk(services.Time.GetElapsedTime(started), services.Model, cached: false);
            }

            yield return Event(ChatStreamEvents.Delta, new ChatDelta(rest));
        }

        if (failure is null)
        {
            try
            {
                turn = await services.Chat.FinishAsync(prepared, stream.ToTurn());
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        var elapsed = services.Time.GetElapsedTime(started);
        if (turn is not null)
        {
            services.Metrics.RecordRequest(Outcomes.Success, services.Model, streaming: true, elapsed);
            Log.ChatTurnCompleted(services.Logger, prepared.SessionId, turn.Model, turn.ResponseId, turn.InputTokens, turn.OutputTokens, elapsed.TotalMilliseconds);
            yield return Event(ChatStreamEvents.Done, new ChatStreamDone(
                prepared.SessionId, turn.Model, new ChatUsage(turn.InputTokens, turn.OutputTokens), turn.ResponseId, traceId,
                elapsed.TotalMilliseconds, stream.TimeToFirstChunk.TotalMilliseconds, Cached: false, turn.Deployment?.Name,
                prepared.Session.Status, prepared.Session.PreviousId));
            yield break;
        }

        await services.Chat.AbandonStreamAsync(prepared, stream, failure!);
        if (cancellationToken.IsCancellationRequested)
        {
            // The client went away: the model call was cancelled with it and nobody is left to tell.
            services.Metrics.RecordRequest(Outcomes.ClientDisconnected, services.Model, streaming: true, elapsed);
            Log.StreamAbandonedByClient(services.Logger, prepared.SessionId);
            yield break;
        }

        var described = ChatFailure.Describe(failure!, services.Model, cancellationToken)
            ?? new ChatFailure(StatusCodes.Status500InternalServerError, "Stream failed", "The answer could not be completed. Try again.", Outcomes.ModelError);
        services.Metrics.RecordRequest(described.Outcome, services.Model, streaming: true, elapsed);
        if (described.Outcome == Outcomes.StoreUnavailable)
        {
            // The handler's outcome was counted when the stream started; this failure counts on its own.
            await services.Http.ReportCacheFailureAsync(failure!);
        }

        if (failure is ModelRejectedException rejected)
        {
            LogRejection(services, prepared.SessionId, rejected);
        }
        else
        {
            Log.StreamFailed(services.Logger, prepared.SessionId, described.Outcome, failure!);
        }

        yield return Event(ChatStreamEvents.Error, new ChatStreamError(described.Status, described.Title, described.Detail, traceId));
    }

    private static async IAsyncEnumerable<SseItem<string>> CachedEvents(ChatTurn turn, ResolvedSession session, ChatServices services, long started)
    {
        await Task.CompletedTask;
        var elapsed = services.Time.GetElapsedTime(started);
        services.Metrics.RecordRequest(Outcomes.Success, services.Model, streaming: true, elapsed);
        services.Metrics.RecordStreamFirstChunk(elapsed, services.Model, cached: true);
        yield return Event(ChatStreamEvents.Delta, new ChatDelta(turn.Reply));
        yield return Event(ChatStreamEvents.Done, new ChatStreamDone(
            session.Id, turn.Model, new ChatUsage(0, 0), turn.ResponseId, Activity.Current?.TraceId.ToHexString(),
            elapsed.TotalMilliseconds, elapsed.TotalMilliseconds, Cached: true, Deployment: null, session.Status, session.PreviousId));
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

    /// <summary>The caller, the session id for logs of a failed turn (the one sent, or <c>new</c>), and the cache bypass.</summary>
    private static (string UserId, string SessionId, bool BypassCache) Identify(ChatRequest request, ChatServices services) =>
        // RequireAuthorization guarantees an authenticated caller with a validated user id.
        (services.Http.User.FindFirstValue(ClaimTypes.NameIdentifier)!,
         request.SessionId ?? SessionStatus.New,
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

    private static async Task<ProblemHttpResult> FailAsync(ChatServices services, string sessionId, Exception exception, ChatFailure failure, long started, bool streaming)
    {
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

using System.Diagnostics;
using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Caching;
using LlmReference.ChatApi.Feedback;
using LlmReference.ChatApi.Guardrails;
using LlmReference.ChatApi.Llm;
using LlmReference.ChatApi.Sessions;
using LlmReference.ChatApi.Tools;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using StackExchange.Redis;
using ChatCompletion = OpenAI.Chat.ChatCompletion;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;
using static LlmReference.ChatApi.ChatApiTelemetry;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// One chat turn: load the session's history from Redis, fit the prompt, reserve the caller's token budget, ask the
/// model through Semantic Kernel (whole or streamed), then charge the real usage and store the turn. The history is
/// written only after the model answered, so a failed call leaves the session as it was.
/// </summary>
public sealed class ChatService(
    Kernel kernel,
    ChatHistoryStore store,
    IOptions<ChatApiOptions> chatOptions,
    IOptions<LlmOptions> llmOptions,
    PromptTokenCounter tokenCounter,
    TokenBudget budget,
    IOptionsMonitor<TokenBudgetOptions> budgetOptions,
    ResponseCache cache,
    SemanticCache semanticCache,
    ResponseLog responses,
    IGuardrailPolicy guardrails,
    IOptions<ChatToolsOptions> toolOptions,
    IHttpClientFactory httpClients,
    ChatApiMetrics metrics,
    TimeProvider time,
    ILogger<ChatService> logger)
{
    private string Model => llmOptions.Value.ResolveModel();

    /// <summary>A whole turn, answered in one piece. <paramref name="sessionId"/> is the id the client sent, if any.</summary>
    public async Task<ChatTurn> SendAsync(string userId, string? sessionId, string message, bool bypassCache, CancellationToken cancellationToken)
    {
        using var turn = await PrepareAsync(userId, sessionId, message, bypassCache, cancellationToken);

        // PrepareAsync started the turn's span; make it the parent of the model call (async locals do not flow back).
        Activity.Current = turn.Activity ?? Activity.Current;
        if (turn.Cached is not null)
        {
            return await FinishCachedAsync(turn) with { Session = turn.Session };
        }

        // Deployments in order: an unavailable one (error, timeout, open circuit breaker) hands over to the next.
        var deployments = Deployments;
        var failures = new List<Exception>();
        for (var i = 0; ; i++)
        {
            var deployment = deployments[i];
            ChatMessageContent reply;
            try
            {
                reply = await kernel.GetRequiredService<IChatCompletionService>(deployment.Name)
                    .GetChatMessageContentAsync(turn.Prompt!, ExecutionSettings(), kernel, cancellationToken);
            }
            catch (Exception ex) when (i + 1 < deployments.Count && ModelFailure.IsUnavailable(ex, cancellationToken))
            {
                failures.Add(ex);
                FailedOver(turn, deployment, deployments[i + 1], ex);
                continue;
            }
            catch (Exception ex)
            {
                metrics.RecordModelCall(time.GetElapsedTime(turn.StartTimestamp), deployment.Model, null, ex.GetType().Name, deployment.Name);
                await ReleaseQuietlyAsync(turn.Reservation);
                ThrowIfNoneAnswered(deployments, i, failures, ex, cancellationToken);
                ModelRejectedException.ThrowIfRejected(deployment, ex);
                throw;
            }

            return await FinishAsync(turn, ToTurn(reply, deployment)) with { Session = turn.Session };
        }
    }

    /// <summary>
    /// Starts streaming the answer to a prepared (not cached) turn and reads its first piece, failing over between
    /// deployments until one starts answering (once text flows, a stream is not moved).
    /// </summary>
    public async Task<(ChatStream Stream, string? First)> StartStreamAsync(PreparedTurn turn, CancellationToken cancellationToken)
    {
        var deployments = Deployments;
        var failures = new List<Exception>();
        for (var i = 0; ; i++)
        {
            var deployment = deployments[i];
            var chunks = kernel.GetRequiredService<IChatCompletionService>(deployment.Name)
                .GetStreamingChatMessageContentsAsync(turn.Prompt!, ExecutionSettings(), kernel, cancellationToken);
            var stream = new ChatStream(chunks, chatOptions.Value.StreamIdleTimeout, time, metrics, deployment, turn.StartTimestamp, cancellationToken);
            try
            {
                return (stream, await stream.NextDeltaAsync());
            }
            catch (Exception ex) when (i + 1 < deployments.Count && ModelFailure.IsUnavailable(ex, cancellationToken))
            {
                await stream.DisposeAsync();
                failures.Add(ex);
                FailedOver(turn, deployment, deployments[i + 1], ex);
            }
            catch (Exception ex)
            {
                await AbandonStreamAsync(turn, stream, ex);
                await stream.DisposeAsync();
                ThrowIfNoneAnswered(deployments, i, failures, ex, cancellationToken);
                throw;
            }
        }
    }

    /// <summary>
    /// Everything before the model call; throws <see cref="PromptTooLargeException"/>, <see cref="BudgetExceededException"/>
    /// or a Redis error without having called the model. The caller disposes the result. <paramref name="sessionId"/> is
    /// the id the client sent, if any; the turn's session (<see cref="PreparedTurn.Session"/>) is new, continued, or
    /// restarted under a new id when the one sent has no stored history.
    /// </summary>
    public async Task<PreparedTurn> PrepareAsync(string userId, string? sessionId, string message, bool bypassCache, CancellationToken cancellationToken = default)
    {
        var options = chatOptions.Value;
        var activity = Source.StartActivity(Spans.ChatTurn);
        try
        {
            activity?.SetTag(Tags.UserId, userId);
            activity?.SetTag(Tags.RequestModel, Model);
            var started = time.GetTimestamp();

            // Compliance first: refuse injections and other customers' data, mask card/account numbers before anything sees them.
            var input = await guardrails.CheckInputAsync(message);
            message = input.IsBlocked ? throw new GuardrailBlockedException(input) : input.Text;
            var requested = sessionId;
            var snapshot = await store.LoadAsync(userId, requested ?? SessionId.New());
            // An id with no history (expired or lost) is not reused: the client is told its conversation restarted.
            var session = ResolvedSession.For(requested, snapshot.History is not null);
            sessionId = session.Id;
            activity?.SetTag(Tags.ConversationId, sessionId);
            if (session.PreviousId is { } previous)
            {
                activity?.SetTag(Tags.PreviousConversationId, previous);
                Log.SessionRestarted(logger, previous, sessionId);
            }

            var user = new ChatMessageContent(AuthorRole.User, message);
            var tools = toolOptions.Value;
            if (tools.Enabled)
            {
                // The tools act for this caller only: the plugin is built per turn with the caller's id.
                kernel.Plugins.Add(
                    BankToolsPlugin.Create(httpClients.CreateClient(ChatToolsOptions.FraudHttpClientName), userId, tools.RecentTransactionsLimit, time));
            }

            // Only a first message is cacheable: later answers depend on the conversation so far.
            var toolFingerprint = tools.Enabled ? BankToolsPlugin.Fingerprint : ResponseCacheKey.NoTools;
            var cacheKey = cache.Enabled && snapshot.History is null
                ? ResponseCacheKey.For(Model, options.SystemPrompt, options.MaxOutputTokens, toolFingerprint, message)
                : null;
            if (llmOptions.Value.CaptureContent)
            {
                // A cached answer never reaches the prompt-building below: capture the question here.
                CaptureInput(activity, [new ChatMessageContent(AuthorRole.System, options.SystemPrompt), user]);
            }

            if (cacheKey is not null && !bypassCache && await cache.GetAsync(cacheKey, Model) is { } cached)
            {
                activity?.SetTag(Tags.Cached, true);
                activity?.SetTag(Tags.CacheKind, "exact");
                return new PreparedTurn(userId, session, snapshot, user, activity) { Cached = cached, CacheKey = cacheKey, StartTimestamp = started };
            }

            // The semantic cache has the exact cache's eligibility (cacheKey is null for later turns) and its scope.
            string? semanticScope = null;
            float[]? semanticVector = null;
            if (cacheKey is not null && semanticCache.Enabled)
            {
                semanticScope = SemanticCache.ScopeKey(Model, options.SystemPrompt, options.MaxOutputTokens, toolFingerprint);
                semanticVector = await semanticCache.EmbedAsync(message, cancellationToken);
                if (semanticVector is not null && !bypassCache && await semanticCache.GetAsync(semanticScope, semanticVector, Model) is { } near)
                {
                    activity?.SetTag(Tags.Cached, true);
                    activity?.SetTag(Tags.CacheKind, "semantic");
                    activity?.SetTag(Tags.CacheSimilarity, near.Similarity);
                    Log.SemanticCacheHit(logger, sessionId, near.Similarity);
                    return new PreparedTurn(userId, session, snapshot, user, activity) { Cached = near.Answer, CacheKey = cacheKey, StartTimestamp = started };
                }
            }

            var history = snapshot.History is { } stored ? new ChatHistory(stored) : new ChatHistory(options.SystemPrompt);
            history.Add(user);
            var (prompt, promptTokens, droppedTurns) = PromptFitter.Fit(history, tokenCounter, options.MaxPromptTokens);
            activity?.SetTag(Tags.HistoryMessages, prompt.Count);
            activity?.SetTag(Tags.PromptTokensEstimate, promptTokens);
            if (droppedTurns > 0)
            {
                Log.PromptFitted(logger, sessionId, droppedTurns, promptTokens, options.MaxPromptTokens);
            }

            if (llmOptions.Value.CaptureContent)
            {
                Log.PromptContent(logger, sessionId, message);
                CaptureInput(activity, prompt);
            }

            // Budget check before the paid call: the tokenizer's prompt estimate plus a completion allowance.
            var (reservation, _) = await budget.ReserveAsync(userId, promptTokens + budgetOptions.CurrentValue.ReservedCompletionTokens);
            return new PreparedTurn(userId, session, snapshot, user, activity)
            {
                Prompt = prompt,
                PromptMessageCount = prompt.Count,
                Reservation = reservation,
                CacheKey = cacheKey,
                SemanticScope = semanticVector is null ? null : semanticScope,
                SemanticVector = semanticVector,
                StartTimestamp = started,
            };
        }
        catch
        {
            activity?.Dispose();
            throw;
        }
    }

    /// <summary>A streamed call failed: give the reservation back if the model never started answering.</summary>
    public async Task AbandonStreamAsync(PreparedTurn turn, ChatStream stream, Exception exception)
    {
        metrics.RecordModelCall(time.GetElapsedTime(turn.StartTimestamp), stream.Deployment.Model, stream.Model, exception.GetType().Name, stream.Deployment.Name);
        if (!stream.Started)
        {
            await ReleaseQuietlyAsync(turn.Reservation);
        }
    }

    /// <summary>Charges real usage, stores the turn, fills the cache and tags the span.</summary>
    public async Task<ChatTurn> FinishAsync(PreparedTurn prepared, ChatTurn turn)
    {
        // What is stored, cached and returned is the checked reply (masked, or replaced by the refusal).
        turn = turn with { Reply = guardrails.CheckOutput(turn.Reply, turn.ResponseId).Text };
        // With tools every round trip is its own model call; the connector reports each call's usage on the tool-call
        // message it adds to the prompt. Count them all, so budgets, metrics and the reply match what was billed.
        var (toolInput, toolOutput) = ToolRoundTripUsage(prepared);
        turn = turn with { InputTokens = turn.InputTokens + toolInput, OutputTokens = turn.OutputTokens + toolOutput };

        var requestModel = turn.Deployment?.Model ?? Model;
        metrics.RecordModelCall(time.GetElapsedTime(prepared.StartTimestamp), requestModel, turn.Model, errorType: null, turn.Deployment?.Name);
        metrics.RecordTokenUsage(turn.InputTokens, turn.OutputTokens, requestModel, turn.Model, turn.Deployment?.Name);
        if ((llmOptions.Value.Prices.GetValueOrDefault(turn.Model) ?? llmOptions.Value.Prices.GetValueOrDefault(Model)) is { } price)
        {
            metrics.RecordCost(price.CostOf(turn.InputTokens, turn.OutputTokens), requestModel, turn.Model, turn.Deployment?.Name);
        }

        var used = turn.InputTokens + turn.OutputTokens;
        if (prepared.Reservation is { } reservation)
        {
            turn = turn with { Budget = await budget.ChargeAsync(reservation, used > 0 ? used : reservation.Tokens) };
        }

        if (llmOptions.Value.CaptureContent)
        {
            Log.CompletionContent(logger, prepared.SessionId, turn.Reply);
            CaptureOutput(prepared.Activity, turn.Reply);
        }

        await store.AppendTurnAsync(prepared.UserId, prepared.SessionId, prepared.Snapshot, chatOptions.Value.SystemPrompt,
            prepared.User, new ChatMessageContent(AuthorRole.Assistant, turn.Reply));
        await RecordAnswerAsync(prepared, turn);
        // An answer that used a tool depends on live data (scores, transactions): never cache it.
        var usedTools = prepared.Prompt?.Any(m => m.Items.OfType<FunctionCallContent>().Any()) == true;
        prepared.Activity?.SetTag(Tags.ToolsUsed, usedTools);
        if (prepared.CacheKey is not null && !usedTools)
        {
            var answer = new CachedAnswer(turn.Reply, turn.Model, turn.ResponseId, turn.InputTokens, turn.OutputTokens);
            await cache.SetAsync(prepared.CacheKey, answer);
            if (prepared is { SemanticScope: { } scope, SemanticVector: { } vector })
            {
                await semanticCache.SetAsync(scope, vector, answer);
            }
        }

        if (prepared.Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(Tags.ResponseModel, turn.Model);
            activity.SetTag(Tags.Deployment, turn.Deployment?.Name);
            activity.SetTag(Tags.ResponseId, turn.ResponseId);
            activity.SetTag(Tags.InputTokens, turn.InputTokens);
            activity.SetTag(Tags.OutputTokens, turn.OutputTokens);
        }

        return turn;
    }

    /// <summary>A cache hit: the answer joins the session; no model call, nothing charged.</summary>
    public async Task<ChatTurn> FinishCachedAsync(PreparedTurn prepared)
    {
        var cached = prepared.Cached!;
        await store.AppendTurnAsync(prepared.UserId, prepared.SessionId, prepared.Snapshot, chatOptions.Value.SystemPrompt,
            prepared.User, new ChatMessageContent(AuthorRole.Assistant, cached.Reply));
        var turn = new ChatTurn(cached.Reply, cached.Model, 0, 0, cached.ResponseId) { Cached = true };
        if (llmOptions.Value.CaptureContent)
        {
            CaptureOutput(prepared.Activity, cached.Reply);
        }

        await RecordAnswerAsync(prepared, turn);
        return turn;
    }

    /// <summary>Lets the caller rate this answer later (feedback); the record points at the turn's span.</summary>
    private Task RecordAnswerAsync(PreparedTurn prepared, ChatTurn turn) =>
        string.IsNullOrEmpty(turn.ResponseId)
            ? Task.CompletedTask
            : responses.RecordAsync(prepared.UserId, turn.ResponseId, turn.Model, prepared.SessionId, prepared.Activity?.Context ?? default);

    private OpenAIPromptExecutionSettings ExecutionSettings() => new()
    {
        MaxTokens = chatOptions.Value.MaxOutputTokens,
        FunctionChoiceBehavior = toolOptions.Value.Enabled ? BankToolsPlugin.ChoiceBehavior : null,
    };

    /// <summary>Returns an unused reservation; a failure here must not hide why the call failed.</summary>
    private async Task ReleaseQuietlyAsync(BudgetReservation? reservation)
    {
        if (reservation is null)
        {
            return;
        }

        try
        {
            await budget.ReleaseAsync(reservation);
        }
        catch (RedisException ex)
        {
            Log.BudgetReleaseFailed(logger, reservation.UserId, reservation.Tokens, ex);
        }
    }

    private static (int Input, int Output) ToolRoundTripUsage(PreparedTurn prepared)
    {
        var usages = (prepared.Prompt ?? [])
            .Skip(prepared.PromptMessageCount)
            .Where(m => m.Role == AuthorRole.Assistant && m.Items.OfType<FunctionCallContent>().Any())
            .Select(m => m.Metadata?.GetValueOrDefault("Usage") as ChatTokenUsage)
            .OfType<ChatTokenUsage>()
            .ToList();
        return (usages.Sum(u => u.InputTokenCount), usages.Sum(u => u.OutputTokenCount));
    }

    private static void CaptureInput(Activity? activity, IReadOnlyList<ChatMessageContent> prompt)
    {
        if (activity is { IsAllDataRequested: true })
        {
            if (prompt.FirstOrDefault(m => m.Role == AuthorRole.System)?.Content is { } system)
            {
                activity.SetTag(Tags.SystemInstructions, GenAiMessages.SystemInstructions(system));
            }

            activity.SetTag(Tags.InputMessages, GenAiMessages.Input(prompt));
        }
    }

    private static void CaptureOutput(Activity? activity, string reply)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.OutputMessages, GenAiMessages.Output(reply));
        }
    }

    private IReadOnlyList<LlmDeployment> Deployments => llmOptions.Value.ResolveDeployments();

    /// <summary>
    /// The last deployment was unavailable too: the turn fails as "none answered" (503 with Retry-After, naming every
    /// deployment tried). A stalled stream keeps its own 504; a rejection (502) or a cancelled request is rethrown.
    /// </summary>
    private static void ThrowIfNoneAnswered(IReadOnlyList<LlmDeployment> deployments, int last, List<Exception> failures, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StreamIdleTimeoutException && ModelFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new ModelsUnavailableException([.. deployments.Take(last + 1)], [.. failures, exception]);
        }
    }

    private void FailedOver(PreparedTurn turn, LlmDeployment from, LlmDeployment to, Exception exception)
    {
        var errorType = ModelFailure.ErrorType(exception);
        metrics.RecordFailover(from.Name, to.Name, errorType, from.Model);
        turn.Activity?.AddEvent(new ActivityEvent("chat.failover", tags: new ActivityTagsCollection
        {
            { Tags.FailoverFrom, from.Name },
            { Tags.FailoverTo, to.Name },
            { Tags.ErrorType, errorType },
        }));
        Log.FailedOver(logger, turn.SessionId, from.Name, to.Name, exception.GetBaseException().Message);
    }

    private ChatTurn ToTurn(ChatMessageContent reply, LlmDeployment deployment)
    {
        // The OpenAI connector keeps the wire response as InnerContent: it carries the model that really answered.
        var completion = reply.InnerContent as ChatCompletion;
        var usage = completion?.Usage ?? reply.Metadata?.GetValueOrDefault("Usage") as ChatTokenUsage;
        var responseId = completion?.Id ?? reply.Metadata?.GetValueOrDefault("Id") as string;
        return new ChatTurn(
            Reply: reply.Content ?? string.Empty,
            Model: completion?.Model ?? reply.ModelId ?? deployment.Model,
            InputTokens: usage?.InputTokenCount ?? 0,
            OutputTokens: usage?.OutputTokenCount ?? 0,
            ResponseId: responseId) { Deployment = deployment };
    }
}

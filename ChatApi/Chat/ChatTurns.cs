using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Feedback;
using LlmReference.ChatApi.Llm;
using LlmReference.ChatApi.Sessions;
using LlmReference.ChatApi.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using static LlmReference.ChatApi.ChatApiTelemetry;
using ModelResponse = Microsoft.Extensions.AI.ChatResponse;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// One chat turn around the model pipeline (<see cref="ChatPipeline"/>): load the session's history and reserve the
/// budget (one Redis round trip), fit the prompt, send it through the pipeline (guardrails, response cache, token
/// budget, tools, failover, telemetry), then store the turn, charge the budget and record the answer for feedback (one
/// more round trip, <see cref="ChatTurnStore"/>). The history is written only after the model answered, so a failed
/// call leaves the session as it was. The turn's span (<c>chat.turn</c>) is the parent of everything the turn does.
/// </summary>
public sealed class ChatTurns(
    IChatClient pipeline,
    ChatTurnStore turnStore,
    ChatHistoryStore store,
    TokenBudget budget,
    PromptTokenCounter tokenCounter,
    ChatTools tools,
    ResponseLog responses,
    IOptions<ChatApiOptions> chatOptions,
    IOptions<LlmOptions> llmOptions,
    ChatApiMetrics metrics,
    TimeProvider time,
    ILogger<ChatTurns> logger)
{
    /// <summary>A whole turn, answered in one piece.</summary>
    public async Task<ChatTurn> SendAsync(ChatTurnRequest request, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(request);
        var turn = await BeginAsync(request, activity);
        ModelResponse response;
        try
        {
            response = await pipeline.GetResponseAsync(turn.Messages, turn.Options, cancellationToken);
        }
        catch (Exception ex)
        {
            await budget.SettleAfterFailureAsync(turn.Context.ReservedBudget!, ex);
            throw;
        }

        return await CompleteAsync(turn, response, timeToFirstChunk: null);
    }

    /// <summary>
    /// A streamed turn. Returns once the first piece of the answer is ready, so anything that fails before it (the
    /// guardrails, the budget, no deployment answering) is thrown here, as for <see cref="SendAsync"/>.
    /// </summary>
    public async Task<StreamedTurn> StreamAsync(ChatTurnRequest request, CancellationToken cancellationToken)
    {
        // The turn runs on its own and hands its events over one at a time: it waits while the caller writes, and
        // everything it does stays inside its own span without anyone setting Activity.Current by hand.
        var events = Channel.CreateBounded<ChatTurnEvent>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var session = new StrongBox<ResolvedSession>();
        _ = RunStreamAsync(request, session, events.Writer, cancellationToken);

        var first = await events.Reader.ReadAsync(cancellationToken);
        if (first is ChatTurnEvent.Failed { AfterText: false } failed)
        {
            ExceptionDispatchInfo.Throw(failed.Error);
        }

        // The session is set before the first event is written.
        return new StreamedTurn(session.Value!, first, events.Reader);
    }

    private async Task RunStreamAsync(
        ChatTurnRequest request, StrongBox<ResolvedSession> session, ChannelWriter<ChatTurnEvent> events, CancellationToken cancellationToken)
    {
        var sentText = false;
        PendingTurn? turn = null;
        try
        {
            using var activity = StartActivity(request);
            turn = await BeginAsync(request, activity);
            session.Value = turn.Session;

            var started = time.GetTimestamp();
            TimeSpan? firstChunk = null;
            var updates = new List<ChatResponseUpdate>();
            await using var stream = new IdleTimeoutStream(
                token => pipeline.GetStreamingResponseAsync(turn.Messages, turn.Options, token), chatOptions.Value.StreamIdleTimeout, cancellationToken);
            while (await stream.MoveNextAsync())
            {
                updates.Add(stream.Current);
                if (stream.Current.Text is { Length: > 0 } text)
                {
                    firstChunk ??= time.GetElapsedTime(started);
                    await events.WriteAsync(new ChatTurnEvent.Delta(text, turn.Context.CacheKind is not null), cancellationToken);
                    sentText = true;
                }
            }

            var completed = await CompleteAsync(turn, updates.ToChatResponse(), firstChunk ?? time.GetElapsedTime(started));
            await events.WriteAsync(new ChatTurnEvent.Completed(completed), cancellationToken);
        }
        catch (Exception ex)
        {
            if (turn is not null)
            {
                await budget.SettleAfterFailureAsync(turn.Context.ReservedBudget!, ex);
            }

            try
            {
                // The reader takes every event until the last; once the caller has gone, nobody is left to tell.
                await events.WriteAsync(new ChatTurnEvent.Failed(ex, sentText), cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
        finally
        {
            events.TryComplete();
        }
    }

    private Activity? StartActivity(ChatTurnRequest request)
    {
        var activity = Source.StartActivity(Spans.ChatTurn);
        activity?.SetTag(Tags.UserId, request.UserId);
        activity?.SetTag(Tags.RequestModel, llmOptions.Value.ResolveModel());
        return activity;
    }

    /// <summary>Everything before the model: the session's history, the fitted prompt, the turn's context for the stages.</summary>
    private async Task<PendingTurn> BeginAsync(ChatTurnRequest request, Activity? activity)
    {
        var options = chatOptions.Value;
        var userMessage = new ChatMessageContent(AuthorRole.User, request.Message);
        var messageTokens = tokenCounter.Count(userMessage);
        var newSessionTokens = tokenCounter.Count(new ChatHistory(options.SystemPrompt));

        // One round trip: the history (none to read for a new session) and the budget reservation its size needs.
        var start = await turnStore.BeginAsync(
            request.UserId, request.SessionId ?? SessionId.New(), readHistory: request.SessionId is not null, messageTokens, newSessionTokens, options.MaxPromptTokens);
        try
        {
            return Prepare(request, activity, start, userMessage, messageTokens, newSessionTokens);
        }
        catch (Exception ex)
        {
            await budget.SettleAfterFailureAsync(start.Budget, ex);
            throw;
        }
    }

    private PendingTurn Prepare(ChatTurnRequest request, Activity? activity, TurnStart start, ChatMessageContent userMessage, int messageTokens, int newSessionTokens)
    {
        var options = chatOptions.Value;
        var snapshot = start.Snapshot;

        // An id with no history (expired or lost) is not reused: the client is told its conversation restarted.
        var session = ResolvedSession.For(request.SessionId, snapshot.History is not null);
        activity?.SetTag(Tags.ConversationId, session.Id);
        if (session.PreviousId is { } previous)
        {
            activity?.SetTag(Tags.PreviousConversationId, previous);
            Log.SessionRestarted(logger, previous, session.Id);
        }

        var history = snapshot.History is { } stored ? new ChatHistory(stored) : new ChatHistory(options.SystemPrompt);
        history.Add(userMessage);

        // The history's stored token count spares counting it again while the prompt fits.
        var (prompt, promptTokens, droppedTurns) = (snapshot.History is null ? newSessionTokens : snapshot.Tokens) + messageTokens is { } known && known <= options.MaxPromptTokens
            ? (history, known, 0)
            : PromptFitter.Fit(history, tokenCounter, options.MaxPromptTokens);
        activity?.SetTag(Tags.HistoryMessages, prompt.Count);
        activity?.SetTag(Tags.PromptTokensEstimate, promptTokens);
        if (droppedTurns > 0)
        {
            Log.PromptFitted(logger, session.Id, droppedTurns, promptTokens, options.MaxPromptTokens);
        }

        if (llmOptions.Value.CaptureContent)
        {
            Log.PromptContent(logger, session.Id, request.Message);
        }

        var context = new ChatTurnContext(request.UserId, session.Id, llmOptions.Value.ResolveModel())
        {
            Activity = activity,
            PromptTokens = promptTokens,
            // Only a first message is cacheable: later answers depend on the conversation so far.
            Cacheable = snapshot.History is null,
            BypassCache = request.BypassCache,
            ToolFingerprint = tools.Fingerprint,
            ReservedBudget = start.Budget,
            DeferredWrites = [],
        };
        // The session's system prompt travels as the call's instructions (gen_ai.system_instructions in telemetry).
        var chatOptionsForTurn = context.AttachTo(new ChatOptions
        {
            Instructions = prompt.FirstOrDefault(m => m.Role == AuthorRole.System)?.Content,
            MaxOutputTokens = options.MaxOutputTokens,
            Tools = tools.ForTurn(),
        });

        return new PendingTurn(request, session, snapshot, context, [.. prompt.Where(m => m.Role != AuthorRole.System).Select(ToChatMessage)], chatOptionsForTurn);
    }

    /// <summary>Stores the turn, records the answer for feedback, tags the span and counts the cost.</summary>
    private async Task<ChatTurn> CompleteAsync(PendingTurn pending, ModelResponse response, TimeSpan? timeToFirstChunk)
    {
        var context = pending.Context;
        var reply = context.CheckedReply ?? response.Text;
        var cached = context.CacheKind is not null;
        var model = string.IsNullOrEmpty(response.ModelId) ? context.Deployment?.Model ?? context.RequestModel : response.ModelId;
        var turn = new ChatTurn(reply, model, (int)(response.Usage?.InputTokenCount ?? 0), (int)(response.Usage?.OutputTokenCount ?? 0), response.ResponseId)
        {
            Budget = context.Budget,
            Cached = cached,
            Session = pending.Session,
            Deployment = cached ? null : context.Deployment,
            TimeToFirstChunk = timeToFirstChunk,
        };

        if (!cached)
        {
            RecordCost(turn, context);
        }

        if (llmOptions.Value.CaptureContent)
        {
            Log.CompletionContent(logger, pending.Session.Id, reply);
        }

        // One round trip: the history write, the budget charge, the feedback record (which lets the caller rate this
        // answer later and points at the turn's span) and the writes the stages left (the response cache's).
        var (userId, sessionId, systemPrompt) = (pending.Request.UserId, pending.Session.Id, chatOptions.Value.SystemPrompt);
        var user = new ChatMessageContent(AuthorRole.User, context.CheckedUserMessage ?? pending.Request.Message);
        var assistant = new ChatMessageContent(AuthorRole.Assistant, reply);
        var write = store.Append(pending.Snapshot, systemPrompt, user, assistant);
        var record = string.IsNullOrEmpty(turn.ResponseId)
            ? ((string, string)?)null
            : (turn.ResponseId, responses.Serialize(turn.Model, sessionId, context.Activity?.Context ?? default));
        var end = await turnStore.CompleteAsync(userId, sessionId, pending.Snapshot, write, context.ReservedBudget, record, context.DeferredWrites);
        context.Budget ??= end.Budget;
        turn = turn with { Budget = context.Budget };
        if (end.HistoryWritten)
        {
            store.Stored(sessionId, write);
        }
        else
        {
            // Another request changed the session since it was read: append this turn to the newer history.
            await store.AppendTurnAsync(userId, sessionId, end.Current, systemPrompt, user, assistant, attemptsMade: 1);
        }

        if (context.Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(Tags.ResponseModel, turn.Model);
            activity.SetTag(Tags.Deployment, turn.Deployment?.Name);
            activity.SetTag(Tags.ResponseId, turn.ResponseId);
            activity.SetTag(Tags.InputTokens, turn.InputTokens);
            activity.SetTag(Tags.OutputTokens, turn.OutputTokens);
            activity.SetTag(Tags.ToolsUsed, response.Messages.Any(m => m.Contents.OfType<Microsoft.Extensions.AI.FunctionCallContent>().Any()));
        }

        return turn;
    }

    private void RecordCost(ChatTurn turn, ChatTurnContext context)
    {
        var prices = llmOptions.Value.Prices;
        if ((prices.GetValueOrDefault(turn.Model) ?? prices.GetValueOrDefault(context.RequestModel)) is { } price)
        {
            metrics.RecordCost(price.CostOf(turn.InputTokens, turn.OutputTokens), context.Deployment?.Model ?? context.RequestModel, turn.Model, context.Deployment?.Name);
        }
    }

    private static ChatMessage ToChatMessage(ChatMessageContent message) => new(new ChatRole(message.Role.Label), message.Content);

    private sealed record PendingTurn(
        ChatTurnRequest Request, ResolvedSession Session, SessionSnapshot Snapshot, ChatTurnContext Context, List<ChatMessage> Messages, ChatOptions Options);
}

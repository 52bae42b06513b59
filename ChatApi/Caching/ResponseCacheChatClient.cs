using System.Runtime.CompilerServices;
using LlmReference.ChatApi.Chat;
using Microsoft.Extensions.AI;
using ChatResponse = Microsoft.Extensions.AI.ChatResponse;
using static LlmReference.ChatApi.ChatApiTelemetry;

namespace LlmReference.ChatApi.Caching;

/// <summary>
/// Answers a session's first message from the response cache when it can (exact key, then semantic similarity), and
/// stores fresh answers that used no tool (those depend on live data). The key covers the model, the system prompt, the
/// output limit and the tools offered (<see cref="ResponseCacheKey"/>). A hit costs no model call and no budget. In a
/// chat turn the exact-cache write joins the turn's closing round trip (<see cref="ChatTurnContext.DeferredWrites"/>).
/// </summary>
public sealed class ResponseCacheChatClient(IChatClient inner, ResponseCache cache, SemanticCache semanticCache, ILogger<ResponseCacheChatClient> logger)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var lookup = await LookUpAsync(messages, options, cancellationToken);
        if (lookup?.Hit is { } hit)
        {
            return hit.ToResponse();
        }

        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        await StoreAsync(lookup, response, ChatTurnContext.Of(options));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lookup = await LookUpAsync(messages, options, cancellationToken);
        if (lookup?.Hit is { } hit)
        {
            foreach (var update in hit.ToResponse().ToChatResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        List<ChatResponseUpdate>? seen = lookup is null ? null : [];
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            seen?.Add(update);
            yield return update;
        }

        if (seen is not null)
        {
            await StoreAsync(lookup, seen.ToChatResponse(), ChatTurnContext.Of(options));
        }
    }

    /// <summary>Null when the call is not cacheable (no turn, a later message, the cache off).</summary>
    private async Task<Lookup?> LookUpAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (ChatTurnContext.Of(options) is not { Cacheable: true } turn || !cache.Enabled)
        {
            return null;
        }

        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var system = options?.Instructions ?? list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? string.Empty;
        var question = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var maxOutputTokens = options?.MaxOutputTokens ?? 0;
        var key = ResponseCacheKey.For(turn.RequestModel, system, maxOutputTokens, turn.ToolFingerprint, question);
        if (!turn.BypassCache && await cache.GetAsync(key, turn.RequestModel) is { } exact)
        {
            Hit(turn, "exact");
            return new Lookup(key, null, null) { Hit = exact };
        }

        // The semantic cache has the exact cache's eligibility and scope.
        if (!semanticCache.Enabled || await semanticCache.EmbedAsync(question, cancellationToken) is not { } vector)
        {
            return new Lookup(key, null, null);
        }

        var scope = SemanticCache.ScopeKey(turn.RequestModel, system, maxOutputTokens, turn.ToolFingerprint);
        if (!turn.BypassCache && await semanticCache.GetAsync(scope, vector, turn.RequestModel) is { } near)
        {
            Hit(turn, "semantic");
            turn.Activity?.SetTag(Tags.CacheSimilarity, near.Similarity);
            Log.SemanticCacheHit(logger, turn.SessionId, near.Similarity);
            return new Lookup(key, scope, vector) { Hit = near.Answer };
        }

        return new Lookup(key, scope, vector);
    }

    private static void Hit(ChatTurnContext turn, string kind)
    {
        turn.CacheKind = kind;
        turn.Activity?.SetTag(Tags.Cached, true);
        turn.Activity?.SetTag(Tags.CacheKind, kind);
    }

    private async Task StoreAsync(Lookup? lookup, ChatResponse response, ChatTurnContext? turn)
    {
        // An answer that used a tool depends on live data (scores, transactions): never cache it.
        if (lookup is null || response.Messages.Any(m => m.Contents.OfType<FunctionCallContent>().Any()))
        {
            return;
        }

        var answer = new CachedAnswer(response.Text, response.ModelId ?? string.Empty, response.ResponseId,
            (int)(response.Usage?.InputTokenCount ?? 0), (int)(response.Usage?.OutputTokenCount ?? 0));
        if (turn?.DeferredWrites is { } deferred)
        {
            // The turn's closing round trip carries the write (with the history and the budget charge).
            deferred.Add(database => cache.SetAsync(database, lookup.Key, answer));
        }
        else
        {
            await cache.SetAsync(lookup.Key, answer);
        }

        if (lookup is { Scope: { } scope, Vector: { } vector })
        {
            await semanticCache.SetAsync(scope, vector, answer);
        }
    }

    private sealed record Lookup(string Key, string? Scope, float[]? Vector)
    {
        public CachedAnswer? Hit { get; init; }
    }
}

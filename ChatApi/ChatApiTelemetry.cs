using System.Diagnostics;

namespace LlmReference.ChatApi;

/// <summary>
/// ChatApi's telemetry names in one place. ServiceDefaults subscribes to the source and meter named after the
/// application (<c>ChatApi</c>); Semantic Kernel adds the GenAI <c>chat {model}</c> spans underneath ours.
/// </summary>
public static class ChatApiTelemetry
{
    /// <summary>The service's one ActivitySource and Meter name (its application name).</summary>
    public const string Name = "ChatApi";

    public static readonly ActivitySource Source = new(Name);

    public static class Spans
    {
        /// <summary>One chat turn: load history, call the model, store history.</summary>
        public const string ChatTurn = "chat.turn";
    }

    public static class Events
    {
        /// <summary>On the turn's span when a deployment was unavailable and the next one was asked.</summary>
        public const string Failover = "chat.failover";
    }

    public static class Metrics
    {

        /// <summary>Counter of chat requests, tagged with <see cref="Tags.Outcome"/>.</summary>
        public const string Requests = "chat.requests";

        /// <summary>Histogram of a whole chat turn's duration in seconds, tagged with <see cref="Tags.Outcome"/> and <see cref="Tags.Streaming"/>.</summary>
        public const string RequestDuration = "chat.request.duration";

        /// <summary>
        /// Histogram of the time from a streamed request's arrival to the first piece of answer sent to the client, in
        /// seconds: what the customer waits for. <c>gen_ai.client.operation.time_to_first_chunk</c> is one model call's.
        /// </summary>
        public const string StreamTimeToFirstChunk = "chat.stream.time_to_first_chunk";

        /// <summary>Counter of conversation turns dropped from stored histories by the max-turns limit.</summary>
        public const string HistoryTrimmedTurns = "chat.history.trimmed_turns";

        /// <summary>Counter of requests refused by a token budget, tagged with <see cref="Tags.BudgetLimit"/> (<c>minute</c> or <c>day</c>).</summary>
        public const string BudgetRejections = "chat.budget.rejections";

        /// <summary>GenAI semantic-convention client metrics (Semantic Kernel's own are <c>semantic_kernel.*</c>).</summary>
        public const string GenAiOperationDuration = "gen_ai.client.operation.duration";
        public const string GenAiTokenUsage = "gen_ai.client.token.usage";
        public const string GenAiTimeToFirstChunk = "gen_ai.client.operation.time_to_first_chunk";
        public const string GenAiTimePerOutputChunk = "gen_ai.client.operation.time_per_output_chunk";

        /// <summary>Counter of failovers from one deployment to the next, tagged with <see cref="Tags.FailoverFrom"/>, <see cref="Tags.FailoverTo"/>, <see cref="Tags.ErrorType"/>.</summary>
        public const string Failovers = "chat.failovers";

        /// <summary>Counter of the estimated cost of model calls in USD (price table <c>Llm:Prices</c>).</summary>
        public const string Cost = "llm.cost";

        /// <summary>Counter of response-cache lookups, tagged with <see cref="Tags.CacheResult"/> (<c>hit</c> or <c>miss</c>) and <see cref="Tags.CacheKind"/>.</summary>
        public const string CacheLookups = "chat.cache.lookups";

        /// <summary>
        /// Histogram of the best cosine similarity (unit <c>1</c>) each semantic-cache lookup found, tagged with
        /// <see cref="Tags.CacheResult"/>: hits show how close paraphrases were, misses how far the threshold is.
        /// </summary>
        public const string CacheSemanticSimilarity = "chat.cache.semantic.similarity";
    }

    public static class Tags
    {
        public const string Outcome = "outcome";
        /// <summary>Boolean on <see cref="Metrics.Requests"/> and <see cref="Metrics.RequestDuration"/>: the request came to the streaming endpoint.</summary>
        public const string Streaming = "chat.streaming";
        public const string RequestModel = "gen_ai.request.model";
        public const string ResponseModel = "gen_ai.response.model";
        public const string ResponseId = "gen_ai.response.id";
        public const string ConversationId = "gen_ai.conversation.id";
        /// <summary>On a turn whose session restarted: the unknown session id the client sent.</summary>
        public const string PreviousConversationId = "chat.session.previous_id";
        public const string InputTokens = "gen_ai.usage.input_tokens";
        public const string OutputTokens = "gen_ai.usage.output_tokens";
        public const string HistoryMessages = "chat.history.messages";
        public const string PromptTokensEstimate = "chat.prompt.estimated_tokens";
        public const string ErrorType = "error.type";
        public const string BudgetLimit = "budget.limit";
        public const string CacheResult = "chat.cache.result";
        public const string Cached = "chat.cached";
        /// <summary><c>exact</c> or <c>semantic</c>: which cache a lookup (or a cached answer) used.</summary>
        public const string CacheKind = "chat.cache.kind";
        public const string CacheSimilarity = "chat.cache.similarity";
        public const string UserId = "enduser.id";
        public const string OperationName = "gen_ai.operation.name";
        public const string ProviderName = "gen_ai.provider.name";
        public const string Deployment = "chat.deployment";
        public const string ToolsUsed = "chat.tools_used";
        public const string FailoverFrom = "chat.failover.from";
        public const string FailoverTo = "chat.failover.to";

    }

    /// <summary>Values of <see cref="Tags.Outcome"/>.</summary>
    public static class Outcomes
    {
        public const string Success = "success";
        public const string InvalidRequest = "invalid_request";
        public const string ModelUnavailable = "model_unavailable";
        public const string ModelError = "model_error";
        public const string StoreUnavailable = "store_unavailable";
        public const string Conflict = "conflict";
        public const string PromptTooLarge = "prompt_too_large";
        public const string RateLimited = "rate_limited";
        public const string BudgetExceeded = "budget_exceeded";
        public const string StreamStalled = "stream_stalled";
        public const string ClientDisconnected = "client_disconnected";

        /// <summary>A bug: the turn ended in an unhandled exception (a 500). Counted so the availability SLO sees it.</summary>
        public const string InternalError = "internal_error";
    }
}

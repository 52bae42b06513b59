using System.Diagnostics;
using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.AI;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// What the pipeline's stages need to know about the turn they serve, and what they report back: it travels in
/// <see cref="ChatOptions.AdditionalProperties"/> under <see cref="Key"/>. A call without one (a plain
/// <see cref="IChatClient"/> use, a test) passes every turn-scoped stage through untouched.
/// </summary>
public sealed class ChatTurnContext(string userId, string sessionId, string requestModel)
{
    public const string Key = "llmref.turn";

    /// <summary>The caller, for budgets and the tools' scope.</summary>
    public string UserId { get; } = userId;

    public string SessionId { get; } = sessionId;

    /// <summary>The primary deployment's model: the name the turn's metrics and cache keys use.</summary>
    public string RequestModel { get; } = requestModel;

    /// <summary>The turn's own span (<c>chat.turn</c>): stages add their events to it.</summary>
    public Activity? Activity { get; init; }

    /// <summary>The tokenizer's estimate of the prompt, for the budget reservation.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Only a session's first message may be answered from (and stored in) the response cache.</summary>
    public bool Cacheable { get; init; }

    /// <summary>The caller asked for a fresh answer (<c>Cache-Control: no-cache</c>): the cache is not read, only written.</summary>
    public bool BypassCache { get; init; }

    /// <summary>The tools offered this turn, part of the cache key (<see cref="Tools.BankToolsPlugin.Fingerprint"/>).</summary>
    public required string ToolFingerprint { get; init; }

    /// <summary>The user's message after the input guardrails (masked): what the session stores.</summary>
    public string? CheckedUserMessage { get; set; }

    /// <summary>The reply after the output guardrails: what the caller gets and the session stores.</summary>
    public string? CheckedReply { get; set; }

    /// <summary>The deployment that answered (set by the failover stage; null for a cached answer).</summary>
    public LlmDeployment? Deployment { get; set; }

    /// <summary><c>exact</c> or <c>semantic</c> when the answer came from the response cache.</summary>
    public string? CacheKind { get; set; }

    /// <summary>The caller's budgets after the turn was charged.</summary>
    public BudgetStatus? Budget { get; set; }

    /// <summary>
    /// The budget reservation the turn made in its opening round trip, which the budget stage enforces instead of
    /// reserving again; null when the stage runs without a turn that reserved (it then reserves itself).
    /// </summary>
    public TurnBudget? ReservedBudget { get; init; }

    /// <summary>
    /// Writes stages leave for the turn's closing round trip (the turn pipelines them behind its own): each is issued
    /// on the database it is given when the turn calls it. Null when no turn collects them: a stage then writes at once.
    /// </summary>
    public List<Func<IDatabaseAsync, Task>>? DeferredWrites { get; init; }

    /// <summary>The turn of <paramref name="options"/>, if it carries one.</summary>
    public static ChatTurnContext? Of(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true ? value as ChatTurnContext : null;

    /// <summary>Attaches this turn to <paramref name="options"/>.</summary>
    public ChatOptions AttachTo(ChatOptions options)
    {
        (options.AdditionalProperties ??= [])[Key] = this;
        return options;
    }
}

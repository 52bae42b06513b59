using System.Diagnostics;
using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Caching;
using LlmReference.ChatApi.Sessions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// A turn that passed every check before the model call: history loaded, prompt fitted, budget reserved (or a cached
/// answer found). Owns the turn's <c>chat.turn</c> activity until disposed.
/// </summary>
public sealed class PreparedTurn(string userId, ResolvedSession session, SessionSnapshot snapshot, ChatMessageContent user, Activity? activity) : IDisposable
{
    public string UserId { get; } = userId;

    /// <summary>The session the turn is stored under, and whether it is new, continued or restarted.</summary>
    public ResolvedSession Session { get; } = session;

    public string SessionId => Session.Id;

    public SessionSnapshot Snapshot { get; } = snapshot;

    /// <summary>The new user message.</summary>
    public ChatMessageContent User { get; } = user;

    public Activity? Activity { get; } = activity;

    /// <summary>What goes to the model (null for a cache hit).</summary>
    public ChatHistory? Prompt { get; init; }

    /// <summary>Messages in <see cref="Prompt"/> before the call; anything after them was added by tool round trips.</summary>
    public int PromptMessageCount { get; init; }

    public BudgetReservation? Reservation { get; init; }

    /// <summary>Where this turn's answer is (or will be) cached; null when the turn is not cacheable.</summary>
    public string? CacheKey { get; init; }

    /// <summary>The semantic-cache scope this turn's answer joins (null when the semantic cache is off or not applicable).</summary>
    public string? SemanticScope { get; init; }

    /// <summary>The new message's embedding, stored with the answer in <see cref="SemanticScope"/>.</summary>
    public float[]? SemanticVector { get; init; }

    /// <summary>The cached answer, when the turn is served from the cache.</summary>
    public CachedAnswer? Cached { get; init; }

    /// <summary>When the turn started (<see cref="TimeProvider.GetTimestamp"/>), for latency.</summary>
    public long StartTimestamp { get; init; }

    public void Dispose() => Activity?.Dispose();
}

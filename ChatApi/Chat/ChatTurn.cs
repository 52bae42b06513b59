using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Llm;
using LlmReference.ChatApi.Sessions;

namespace LlmReference.ChatApi.Chat;

/// <summary>What one completed turn produced.</summary>
public sealed record ChatTurn(string Reply, string Model, int InputTokens, int OutputTokens, string? ResponseId)
{
    /// <summary>The caller's token budgets after this turn was charged.</summary>
    public BudgetStatus? Budget { get; init; }

    /// <summary>The answer came from the response cache, not from a model call.</summary>
    public bool Cached { get; init; }

    /// <summary>The session the turn was stored under .</summary>
    public ResolvedSession? Session { get; init; }

    /// <summary>From the start of a streamed turn's model call to its first piece of text (null for a whole answer).</summary>
    public TimeSpan? TimeToFirstChunk { get; init; }

    /// <summary>The deployment that answered (null for a cached answer).</summary>
    public LlmDeployment? Deployment { get; init; }
}

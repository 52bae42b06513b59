using Microsoft.SemanticKernel.ChatCompletion;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Sessions;

/// <summary>A session's history as read, with the raw stored value used to detect concurrent writers.</summary>
/// <param name="History">The stored history, or null when the session is new or expired.</param>
/// <param name="StoredValue">The JSON exactly as read (null when absent).</param>
public sealed record SessionSnapshot(ChatHistory? History, RedisValue StoredValue)
{
    /// <summary>The stored history's prompt token count, when it was stored beside it (null: count it).</summary>
    public int? Tokens { get; init; }
}

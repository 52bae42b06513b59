namespace LlmReference.ChatApi.Budgets;

/// <summary>A request would take a user over their tokens-per-minute or daily budget.</summary>
public sealed class BudgetExceededException(string limit, long requested, BudgetStatus status, TimeSpan retryAfter)
    : Exception($"The {limit} token budget does not cover {requested} more tokens.")
{
    /// <summary><c>minute</c> or <c>day</c>.</summary>
    public string Limit { get; } = limit;

    public long RequestedTokens { get; } = requested;

    public BudgetStatus Status { get; } = status;

    public TimeSpan RetryAfter { get; } = retryAfter;
}

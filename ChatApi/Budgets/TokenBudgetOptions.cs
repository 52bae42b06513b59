using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Budgets;

/// <summary>Per-user token budgets, enforced in Redis across all ChatApi instances; bound from the <c>Budgets</c> section.</summary>
public sealed class TokenBudgetOptions
{
    public const string SectionName = "Budgets";

    /// <summary>Switch budgets off entirely (for load tests). Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Tokens (prompt + completion) one user may spend per clock minute. Default: 20,000.</summary>
    [Range(1, 1_000_000_000)]
    public long TokensPerMinute { get; set; } = 20_000;

    /// <summary>Tokens one user may spend per UTC day. Default: 200,000.</summary>
    [Range(1, 100_000_000_000)]
    public long TokensPerDay { get; set; } = 200_000;

    /// <summary>
    /// Completion tokens reserved before the call, next to the tokenizer's prompt estimate; the reservation is
    /// corrected to the model's reported usage afterwards. Default: 256.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ReservedCompletionTokens { get; set; } = 256;
}

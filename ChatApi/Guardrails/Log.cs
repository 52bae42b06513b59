namespace LlmReference.ChatApi.Guardrails;

/// <summary>Guardrail logs: rule, stage and action only, never the checked text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 700, EventName = "GuardrailBlocked", Level = LogLevel.Warning,
        Message = "Guardrail {Rule} blocked the {Stage} ({Matches} matches)")]
    public static partial void Blocked(ILogger logger, string rule, string stage, int matches);

    [LoggerMessage(EventId = 701, EventName = "GuardrailMasked", Level = LogLevel.Information,
        Message = "Guardrail {Rule} masked {Matches} values in the {Stage}")]
    public static partial void Masked(ILogger logger, string rule, string stage, int matches);

    [LoggerMessage(EventId = 702, EventName = "GuardrailFlagged", Level = LogLevel.Information,
        Message = "Guardrail {Rule} matched the {Stage} ({Matches} matches); log-only, let through")]
    public static partial void Flagged(ILogger logger, string rule, string stage, int matches);

    [LoggerMessage(EventId = 703, EventName = "GuardrailRuleFailed", Level = LogLevel.Error,
        Message = "Guardrail {Rule} failed or timed out on the {Stage}; treated as a match")]
    public static partial void RuleFailed(ILogger logger, string rule, string stage, Exception exception);
}

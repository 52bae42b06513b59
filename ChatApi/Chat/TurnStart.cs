using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Sessions;

namespace LlmReference.ChatApi.Chat;

/// <summary>What a turn's opening round trip found: the session's history and the budget reservation's verdict.</summary>
public sealed record TurnStart(SessionSnapshot Snapshot, TurnBudget Budget);

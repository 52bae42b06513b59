using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Sessions;

namespace LlmReference.ChatApi.Chat;

/// <summary>What a turn's closing round trip did.</summary>
/// <param name="HistoryWritten">False when another request changed the session since it was read.</param>
/// <param name="Current">What the session holds now, when the history was not written: the retry appends to it.</param>
/// <param name="Budget">The caller's budgets after the charge; null when the call never reached the budget stage.</param>
public sealed record TurnEnd(bool HistoryWritten, SessionSnapshot Current, BudgetStatus? Budget);

using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Sessions;

/// <summary>A session's history as it is about to be stored.</summary>
/// <param name="History">The history with the new turn, trimmed.</param>
/// <param name="Json">What is stored.</param>
/// <param name="Tokens">Its prompt token count, stored beside it.</param>
/// <param name="DroppedTurns">Old turns the trim dropped.</param>
public sealed record HistoryWrite(ChatHistory History, string Json, int Tokens, int DroppedTurns);

namespace LlmReference.ChatApi.Chat;

/// <summary>What a streamed turn produces, in order: text pieces, then one completion or one failure.</summary>
public abstract record ChatTurnEvent
{
    /// <summary>A piece of the answer that passed the output guardrails; <see cref="Cached"/> when it comes from the response cache.</summary>
    public sealed record Delta(string Text, bool Cached) : ChatTurnEvent;

    /// <summary>The answer is complete, charged and stored.</summary>
    public sealed record Completed(ChatTurn Turn) : ChatTurnEvent;

    /// <summary>The turn failed; <see cref="AfterText"/> says whether pieces of the answer were already sent.</summary>
    public sealed record Failed(Exception Error, bool AfterText) : ChatTurnEvent;
}

using LlmReference.ChatApi.Sessions;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LlmReference.ChatApi.Tests;

public sealed class ChatHistoryTrimmerTests
{
    private static ChatHistory Conversation(int turns)
    {
        var history = new ChatHistory("system prompt");
        for (var i = 1; i <= turns; i++)
        {
            history.AddUserMessage($"q{i}");
            history.AddAssistantMessage($"a{i}");
        }

        return history;
    }

    [Fact]
    public void HistoryWithinTheLimitIsKeptWhole()
    {
        var history = Conversation(3);
        var (trimmed, dropped) = ChatHistoryTrimmer.Trim(history, 3);
        Assert.Same(history, trimmed);
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void OldestTurnsAreDroppedAndTheSystemPromptKept()
    {
        var (trimmed, dropped) = ChatHistoryTrimmer.Trim(Conversation(5), 2);
        Assert.Equal(3, dropped);
        Assert.Equal(["system prompt", "q4", "a4", "q5", "a5"], trimmed.Select(m => m.Content!));
    }

    [Fact]
    public void ATurnIsNeverSplit()
    {
        var history = Conversation(2);
        history.AddUserMessage("q3");
        var (trimmed, _) = ChatHistoryTrimmer.Trim(history, 1);
        Assert.Equal(["system prompt", "q3"], trimmed.Select(m => m.Content!));
    }
}

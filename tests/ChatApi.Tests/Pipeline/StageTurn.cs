using LlmReference.ChatApi.Chat;
using Microsoft.Extensions.AI;

namespace LlmReference.ChatApi.Tests.Pipeline;

/// <summary>A turn context and options for calling one pipeline stage directly, as <see cref="ChatTurns"/> would.</summary>
internal static class StageTurn
{
    public static ChatTurnContext New(string? userId = null, int promptTokens = 50, bool cacheable = false) =>
        new(userId ?? $"stage-{Guid.NewGuid():N}"[..20], $"s-{Guid.NewGuid():N}", "bank-assist-large")
        {
            PromptTokens = promptTokens,
            Cacheable = cacheable,
            ToolFingerprint = "tools:none",
        };

    public static ChatOptions Options(ChatTurnContext turn) => turn.AttachTo(new ChatOptions { MaxOutputTokens = 256 });

    public static List<ChatMessage> Ask(string question) => [new(ChatRole.User, question)];
}

namespace LlmReference.ChatApi.Chat;

/// <summary>The system prompt plus the new message alone exceed <c>Chat:MaxPromptTokens</c>.</summary>
public sealed class PromptTooLargeException(int promptTokens, int maxPromptTokens)
    : Exception($"The prompt would be {promptTokens} tokens; the limit is {maxPromptTokens}.")
{
    public int PromptTokens { get; } = promptTokens;

    public int MaxPromptTokens { get; } = maxPromptTokens;
}

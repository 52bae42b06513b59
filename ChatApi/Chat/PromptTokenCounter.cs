using Microsoft.ML.Tokenizers;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// Counts prompt tokens offline with the o200k_base encoding (GPT-4o family), so limits and budgets are checked
/// before a model call is paid for. One instance per process: building the tokenizer takes a few hundred ms.
/// </summary>
public sealed class PromptTokenCounter
{
    /// <summary>Tokens the chat format adds around each message (role and separators), as OpenAI documents for its models.</summary>
    public const int PerMessageOverhead = 4;

    /// <summary>Tokens that prime the assistant's reply.</summary>
    public const int ReplyPriming = 3;

    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public int Count(string text) => _tokenizer.Value.CountTokens(text);

    public int Count(ChatMessageContent message) => PerMessageOverhead + Count(message.Content ?? string.Empty);

    /// <summary>Estimated prompt tokens of a whole history as the model will see it.</summary>
    public int Count(IEnumerable<ChatMessageContent> messages) => ReplyPriming + messages.Sum(Count);

    /// <summary>Builds the tokenizer now rather than on the first customer request.</summary>
    public void WarmUp() => _ = _tokenizer.Value;
}

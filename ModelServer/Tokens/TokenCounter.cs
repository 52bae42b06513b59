using LlmReference.ModelServer.Wire;
using Microsoft.ML.Tokenizers;

namespace LlmReference.ModelServer.Tokens;

/// <summary>
/// Counts and splits text with the o200k_base tokenizer (GPT-4o's), so that <c>usage</c> and the rate limits use real token
/// counts. The tokenizer's data is immutable and takes ~400 ms to load, so one instance is shared by the process.
/// </summary>
internal sealed class TokenCounter
{
    private static readonly Lazy<Tokenizer> SharedTokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    // OpenAI's documented accounting for chat prompts: each message costs a few framing tokens and every reply is primed.
    private const int TokensPerMessage = 3;
    private const int TokensPerName = 1;
    private const int ReplyPrimingTokens = 3;

    public Tokenizer Tokenizer => SharedTokenizer.Value;

    public int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : Tokenizer.CountTokens(text);

    /// <summary>Splits text into consecutive pieces, one per token, that concatenate back to the text.</summary>
    public IReadOnlyList<string> Split(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var tokens = Tokenizer.EncodeToTokens(text, out _);
        var pieces = new List<string>(tokens.Count);
        var start = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            // Multi-byte characters can span tokens whose offsets overlap; such tokens become empty pieces, which keeps one piece per token.
            var end = i + 1 < tokens.Count ? Math.Clamp(tokens[i + 1].Offset.Start.GetOffset(text.Length), start, text.Length) : text.Length;
            pieces.Add(text[start..end]);
            start = end;
        }

        return pieces;
    }

    public string Decode(IEnumerable<int> ids) => Tokenizer.Decode(ids);

    /// <summary>Prompt tokens of a chat request: messages with OpenAI's framing, plus the tool definitions.</summary>
    public int CountPrompt(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition>? tools)
    {
        var total = ReplyPrimingTokens;
        foreach (var message in messages)
        {
            total += TokensPerMessage + Count(message.Role) + Count(MessageText.Of(message));
            if (!string.IsNullOrEmpty(message.Name))
            {
                total += TokensPerName + Count(message.Name);
            }

            foreach (var call in message.ToolCalls ?? [])
            {
                total += Count(call.Function?.Name) + Count(call.Function?.Arguments);
            }
        }

        foreach (var tool in tools ?? [])
        {
            total += Count(tool.Function?.Name) + Count(tool.Function?.Description) +
                     (tool.Function?.Parameters is { } schema ? Count(schema.GetRawText()) : 0);
        }

        return total;
    }
}

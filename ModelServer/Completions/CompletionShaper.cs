using LlmReference.ModelServer.Tokens;

namespace LlmReference.ModelServer.Completions;

/// <summary>The token pieces a completion emits and why it ends.</summary>
internal sealed record ShapedCompletion(IReadOnlyList<string> Pieces, string FinishReason, int CompletionTokens);

/// <summary>
/// Cuts an answer the way a model's decoder would: at the first <c>stop</c> sequence (finish <c>stop</c>, the sequence
/// itself not included), then at <c>max_tokens</c> (finish <c>length</c>). Tool-call arguments are never cut, so they stay
/// valid JSON (finish <c>tool_calls</c>).
/// </summary>
internal static class CompletionShaper
{
    public static ShapedCompletion Shape(Generation generation, ValidatedChatRequest request, TokenCounter tokens)
    {
        if (generation.ToolCall is { } call)
        {
            var argumentPieces = tokens.Split(call.Arguments);
            return new ShapedCompletion(argumentPieces, "tool_calls", argumentPieces.Count + tokens.Count(call.Name));
        }

        var content = generation.Content ?? "";
        foreach (var stop in request.Stops)
        {
            var index = content.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0)
            {
                content = content[..index];
            }
        }

        var pieces = tokens.Split(content);
        if (request.MaxTokens is { } max && pieces.Count > max)
        {
            return new ShapedCompletion([.. pieces.Take(max)], "length", max);
        }

        return new ShapedCompletion(pieces, "stop", pieces.Count);
    }
}

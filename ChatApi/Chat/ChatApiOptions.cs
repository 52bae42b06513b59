using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Chat;

/// <summary>The chat endpoint's behaviour and limits, bound from the <c>Chat</c> section.</summary>
public sealed class ChatApiOptions
{
    public const string SectionName = "Chat";

    public const string DefaultSystemPrompt =
        "You are the customer-support assistant of a retail bank. Help customers with their cards, accounts, " +
        "payments and suspected fraud. Be brief, accurate and polite. Never ask for or repeat full card numbers, " +
        "PINs, passwords or one-time codes. Do not give investment advice. If you are unsure, or the customer needs " +
        "an action you cannot take, tell them how to reach a human agent.";

    /// <summary>System prompt that starts every new session. Default: <see cref="DefaultSystemPrompt"/> (banking support).</summary>
    [Required, MinLength(1)]
    public string SystemPrompt { get; set; } = DefaultSystemPrompt;

    /// <summary>Longest accepted user message, in characters. Default: 4000.</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Largest accepted request body for the chat endpoints, in bytes; larger bodies get 413. Default: 64 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Largest prompt (system prompt, kept history and the new message, o200k tokens) sent to the model. Older turns
    /// are left out to fit; a message that cannot fit even alone is refused with 400. Default: 8000.
    /// </summary>
    [Range(16, 10_000_000)]
    public int MaxPromptTokens { get; set; } = 8000;

    /// <summary>
    /// Longest a streamed answer may go without a new chunk before it is ended with an error event (the model call is
    /// cancelled). Default: 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on tokens the model may generate per reply. Default: 1024.</summary>
    [Range(1, 128_000)]
    public int MaxOutputTokens { get; set; } = 1024;
}

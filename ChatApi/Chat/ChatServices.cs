using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Chat;

/// <summary>The chat handler's dependencies, bound with <c>[AsParameters]</c>.</summary>
public sealed record ChatServices(
    ChatTurns Turns,
    IOptions<ChatApiOptions> ChatOptions,
    IOptions<LlmOptions> LlmOptions,
    ChatApiMetrics Metrics,
    TimeProvider Time,
    ILogger<ChatTurns> Logger,
    HttpContext Http)
{
    /// <summary>The model requested for every call (for metrics and messages).</summary>
    public string Model => LlmOptions.Value.ResolveModel();
}

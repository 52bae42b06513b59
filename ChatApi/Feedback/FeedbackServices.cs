using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Feedback;

/// <summary>The feedback handler's dependencies, bound with <c>[AsParameters]</c>.</summary>
public sealed record FeedbackServices(
    ResponseLog Responses,
    FeedbackStore Store,
    FeedbackMetrics Metrics,
    IOptionsMonitor<FeedbackOptions> Options,
    TimeProvider Time,
    ILogger<FeedbackStore> Logger,
    HttpContext Http);

using LlmReference.ModelServer.Faults;
using LlmReference.ModelServer.Latency;
using LlmReference.ModelServer.Limits;
using LlmReference.ModelServer.Telemetry;
using LlmReference.ModelServer.Tokens;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Completions;

/// <summary>The chat-completion handler's dependencies, bound with <c>[AsParameters]</c>.</summary>
internal sealed record CompletionServices(
    IOptions<ModelServerOptions> Options,
    TokenCounter Tokens,
    DeploymentRateLimiter RateLimiter,
    CompletionGenerator Generator,
    LatencyModel Latency,
    FaultController Faults,
    ModelServerMetrics Metrics,
    ContentCapture ContentCapture,
    TimeProvider TimeProvider,
    ILogger<CompletionServices> Logger);

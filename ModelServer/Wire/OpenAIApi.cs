using LlmReference.ModelServer.Faults;
using LlmReference.ModelServer.Telemetry;

namespace LlmReference.ModelServer.Wire;

/// <summary>
/// The <c>/v1</c> group every OpenAI-compatible endpoint lives in. Its filters run in order: record the request (journal
/// and request-duration metric), check the API key, then inject any active faults.
/// </summary>
internal static class OpenAIApi
{
    public static RouteGroupBuilder MapOpenAIGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/v1")
            .WithTags("OpenAI")
            .AddEndpointFilter<RequestRecordingFilter>()
            .AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter<FaultInjectionFilter>();
}

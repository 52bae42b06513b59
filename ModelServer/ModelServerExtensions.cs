using LlmReference.ModelServer.Admin;
using LlmReference.ModelServer.Completions;
using LlmReference.ModelServer.Faults;
using LlmReference.ModelServer.Knowledge;
using LlmReference.ModelServer.Latency;
using LlmReference.ModelServer.Limits;
using LlmReference.ModelServer.Wire;
using LlmReference.ModelServer.Telemetry;
using LlmReference.ModelServer.Tokens;
using LlmReference.ModelServer.Tools;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer;

internal static class ModelServerExtensions
{
    /// <summary>Everything the model server needs in DI: options, tokenizer, knowledge, limits, faults and telemetry.</summary>
    public static IHostApplicationBuilder AddModelServer(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ModelServerOptions>()
            .BindConfiguration(ModelServerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelServerOptions>, ModelServerOptionsValidator>();

        // One body limit for the whole server, from the same option the /v1 API reports in its 413s.
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ModelServerOptions>>((kestrel, options) => kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodyBytes);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<ConversationResponder>();
        services.AddSingleton<ArgumentExtractor>();
        services.AddSingleton<ToolCallPlanner>();
        services.AddSingleton<CompletionGenerator>();
        services.AddSingleton<LatencyModel>();
        services.AddSingleton<DeploymentRateLimiter>();
        services.AddSingleton<FaultController>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<ModelServerMetrics>();
        services.AddSingleton<ContentCapture>();
        services.AddSingleton<RequestRecordingFilter>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<FaultInjectionFilter>();
        services.AddHostedService<WarmUp>();
        return builder;
    }
}

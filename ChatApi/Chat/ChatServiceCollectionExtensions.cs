using System.Text.Json.Serialization;
using LlmReference.ChatApi.Llm;
using LlmReference.ServiceDefaults.Cache;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ChatApiOptions"/>, the model pipeline (<see cref="ChatPipeline"/>), the turn and strict request binding.</summary>
    public static TBuilder AddChat<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ChatApiOptions>()
            .BindConfiguration(ChatApiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddChatPipeline();
        builder.Services.AddSingleton<ChatTurns>();
        builder.Services.AddSingleton<ChatTurnStore>();
        builder.Services.AddSingleton<Tools.ChatTools>();
        builder.Services.AddSingleton<PromptTokenCounter>();
        builder.Services.AddHostedService<PromptTokenCounterWarmUp>();

        // A typo in a field name should fail loudly, not be silently ignored.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);

        // A chat request the open cache breaker refuses is still a chat request: count it as store_unavailable, so the
        // availability SLO sees it (the handler, which counts the others, never runs).
        builder.Services.Configure<CacheResilienceOptions>(cache => cache.OnRejected = CountRefusedChat);

        return builder;
    }

    private static ValueTask CountRefusedChat(HttpContext context)
    {
        var name = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name is ChatEndpoints.ChatName or ChatEndpoints.ChatStreamName)
        {
            context.RequestServices.GetRequiredService<ChatApiMetrics>().RecordRequest(
                ChatApiTelemetry.Outcomes.StoreUnavailable,
                context.RequestServices.GetRequiredService<IOptions<LlmOptions>>().Value.ResolveModel(),
                streaming: name == ChatEndpoints.ChatStreamName);
        }

        return ValueTask.CompletedTask;
    }
}

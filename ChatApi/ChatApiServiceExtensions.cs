using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Caching;
using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Compliance;
using LlmReference.ChatApi.Feedback;
using LlmReference.ChatApi.Guardrails;
using LlmReference.ChatApi.Identity;
using LlmReference.ChatApi.Llm;
using LlmReference.ChatApi.OpenApi;
using LlmReference.ChatApi.RateLimiting;
using LlmReference.ChatApi.Sessions;
using LlmReference.ChatApi.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmReference.ChatApi;

public static class ChatApiServiceExtensions
{
    /// <summary>Name of the Redis connection string the AppHost injects (<c>ConnectionStrings__cache</c>).</summary>
    public const string CacheConnectionName = "cache";

    /// <summary>Everything ChatApi registers, feature by feature.</summary>
    public static TBuilder AddChatApiServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Redis with fail-fast timeouts and a circuit breaker for the endpoints marked RequireCache() (ServiceDefaults).
        builder.AddCacheClient(CacheConnectionName);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ChatApiMetrics>();
        builder.Services.AddHostedService<RedisWarmUp>();
        builder.AddRequestProblemDetails();

        builder.AddPiiRedaction();
        builder.AddCallerIdentity();
        builder.AddLlm();
        builder.AddChatSessions();
        builder.AddTokenBudgets();
        builder.AddResponseCache();
        builder.AddChatTools();
        builder.AddChatApiOpenApi();
        builder.AddFeedback();
        builder.AddGuardrails();
        builder.AddChat();
        builder.AddChatRateLimiting();

        return builder;
    }
}

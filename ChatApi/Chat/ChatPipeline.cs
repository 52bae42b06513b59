using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Caching;
using LlmReference.ChatApi.Guardrails;
using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// The model path of a turn, built once at start as a Microsoft.Extensions.AI <see cref="IChatClient"/> pipeline.
/// Outermost first:
/// <list type="number">
/// <item><see cref="GuardrailChatClient"/>: the user's message in, the reply out (streamed text held back while a rule may still change it).</item>
/// <item><see cref="ResponseCacheChatClient"/>: a session's first message may be answered from the cache.</item>
/// <item><see cref="TokenBudgetChatClient"/>: reserve the caller's tokens before the paid call, charge the real usage after.</item>
/// <item>Function invocation: the model's tool calls run as Semantic Kernel functions (<see cref="Tools.ChatTools"/>), round trip after round trip.</item>
/// <item><see cref="FailoverChatClient"/>: each model call goes to the first deployment that is available.</item>
/// <item>Per deployment, OpenTelemetry (GenAI spans and <c>gen_ai.client.*</c> metrics) over the OpenAI client.</item>
/// </list>
/// A new concern is a new stage here, not an edit to <see cref="ChatTurns"/>.
/// </summary>
public static class ChatPipeline
{
    public static IServiceCollection AddChatPipeline(this IServiceCollection services)
    {
        services.AddChatClient(static services => services.GetRequiredService<FailoverChatClient>())
            .Use(static (inner, services) => ActivatorUtilities.CreateInstance<GuardrailChatClient>(services, inner))
            .Use(static (inner, services) => ActivatorUtilities.CreateInstance<ResponseCacheChatClient>(services, inner))
            .Use(static (inner, services) => ActivatorUtilities.CreateInstance<TokenBudgetChatClient>(services, inner))
            .UseFunctionInvocation();

        // Semantic Kernel stays the programming model for plugins: the application's kernel answers through the same
        // pipeline, and the tools are its functions.
        services.AddSingleton(static services =>
        {
            var kernel = Kernel.CreateBuilder();
            kernel.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
            kernel.Services.AddSingleton(services.GetRequiredService<IChatClient>());
            return kernel.Build();
        });

        return services;
    }
}

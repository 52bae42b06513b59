namespace LlmReference.ChatApi.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ChatSessionOptions"/> and the Redis history store (needs an <c>IConnectionMultiplexer</c>).</summary>
    public static TBuilder AddChatSessions<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ChatSessionOptions>()
            .BindConfiguration(ChatSessionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ChatHistoryStore>();
        return builder;
    }
}

using System.Text.Json.Serialization;

namespace LlmReference.ChatApi.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ChatApiOptions"/>, the chat orchestration and strict request binding.</summary>
    public static TBuilder AddChat<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ChatApiOptions>()
            .BindConfiguration(ChatApiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddScoped<ChatService>();
        builder.Services.AddSingleton<PromptTokenCounter>();
        builder.Services.AddHostedService<PromptTokenCounterWarmUp>();

        // A typo in a field name should fail loudly, not be silently ignored.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);

        return builder;
    }
}

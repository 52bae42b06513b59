namespace LlmReference.ChatApi.Tools;

public static class ToolServiceExtensions
{
    /// <summary>Registers <see cref="ChatToolsOptions"/> and the FraudService HTTP client (default resilience and service discovery).</summary>
    public static TBuilder AddChatTools<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ChatToolsOptions>()
            .BindConfiguration(ChatToolsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient(ChatToolsOptions.FraudHttpClientName, static client =>
            client.BaseAddress = ChatToolsOptions.FraudServiceAddress);
        builder.Services.AddRedactedFraudClientTelemetry();
        return builder;
    }
}

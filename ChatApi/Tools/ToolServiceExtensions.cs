namespace LlmReference.ChatApi.Tools;

public static class ToolServiceExtensions
{
    /// <summary>Registers <see cref="ChatToolsOptions"/> and the FraudService HTTP client (default resilience and service discovery).</summary>
    public static TBuilder AddChatTools<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ChatToolsOptions>()
            .BindConfiguration(ChatToolsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.FraudApiKey),
                $"{ChatToolsOptions.SectionName}:{nameof(ChatToolsOptions.FraudApiKey)} is not set: FraudService refuses calls without its API key. " +
                "The AppHost passes it; when running ChatApi on its own, set Tools__FraudApiKey to FraudService's Fraud:Access:ApiKey, or Tools__Enabled=false.")
            .ValidateOnStart();
        builder.Services.AddTransient<FraudApiKeyHandler>();
        builder.Services.AddHttpClient(ChatToolsOptions.FraudHttpClientName, static client =>
                client.BaseAddress = ChatToolsOptions.FraudServiceAddress)
            // Every request FraudService receives from the tools carries the key.
            .AddHttpMessageHandler<FraudApiKeyHandler>();
        builder.Services.AddRedactedFraudClientTelemetry();
        return builder;
    }
}

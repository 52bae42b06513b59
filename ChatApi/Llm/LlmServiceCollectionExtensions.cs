using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace LlmReference.ChatApi.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LlmOptions"/>, one named <see cref="HttpClient"/> per deployment (LLM resilience profile,
    /// service discovery) and, built once at start, the <see cref="FailoverChatClient"/> over one OpenAI
    /// <see cref="IChatClient"/> per deployment, each under its own OpenTelemetry stage (GenAI spans and
    /// <c>gen_ai.client.*</c> metrics). Every provider goes through this one OpenAI-compatible path.
    /// </summary>
    public static TBuilder AddLlm<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            // Each deployment is a connection string (ConnectionStrings:{name}), outside the Llm section.
            .PostConfigure<IConfiguration>(static (options, configuration) =>
            {
                foreach (var name in options.DeploymentNames)
                {
                    options.ConnectionStrings[name] = configuration.GetConnectionString(name);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();

        // One named client per deployment: each gets its own LLM resilience pipeline, so each has its own circuit
        // breaker (its break duration is the deployment's cooldown). The names are known only from configuration.
        var llm = builder.Configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        List<string> clients = [.. llm.DeploymentNames.Select(LlmOptions.HttpClientNameOf).Distinct()];
        foreach (var client in clients)
        {
            builder.Services.AddHttpClient(client)
                // The model clients are built once and keep their HttpClient: pooled connections are recycled instead
                // of handlers, so DNS changes are still seen (the documented pattern for long-lived clients).
                .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .AddLlmResilienceHandler(builder.Configuration);
        }

        // Every deployment but the last has somewhere to go: it fails over on 429 instead of waiting (see FailoverResilience).
        // The standard handler's options are named after its pipeline, "{client}-standard".
        foreach (var client in clients.SkipLast(1))
        {
            builder.Services.Configure<HttpStandardResilienceOptions>($"{client}-standard", FailoverResilience.Apply);
        }

        builder.Services.AddSingleton(static services =>
        {
            var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new FailoverChatClient(
                [.. options.ResolveDeployments().Select(d => new DeploymentChatClient(d, CreateDeploymentClient(services, d, options.CaptureContent)))],
                services.GetRequiredService<ChatApiMetrics>(),
                services.GetRequiredService<ILogger<FailoverChatClient>>());
        });

        builder.Services.AddHostedService<LlmStartupLogger>();

        return builder;
    }

    /// <summary>
    /// The OpenAI client for one deployment, on the deployment's named <see cref="HttpClient"/>: its resilience handler
    /// retries and times out, so the SDK's own retries and network timeout are off.
    /// </summary>
    private static IChatClient CreateDeploymentClient(IServiceProvider services, LlmDeployment deployment, bool captureContent)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(deployment.HttpClientName);
        var openAi = new OpenAIClient(
            // The SDK refuses an empty key; a keyless local server accepts any bearer.
            new ApiKeyCredential(string.IsNullOrEmpty(deployment.ApiKey) ? "no-key" : deployment.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = deployment.Endpoint,
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            });

        return openAi.GetChatClient(deployment.Model).AsIChatClient()
            .AsBuilder()
            // Prompts and completions reach the spans only when Llm:CaptureContent says so. No logger: the stage would log
            // a failed call's exception at Warning, and a provider's error text may quote the prompt; ChatApi's own
            // failure logs say who failed and how, with the provider's text only at Trace (ModelRejectedException).
            .UseOpenTelemetry(NullLoggerFactory.Instance, ChatApiTelemetry.Name, telemetry => telemetry.EnableSensitiveData = captureContent)
            .Build(services);
    }
}

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LlmOptions"/>, a named <see cref="HttpClient"/> per deployment (LLM resilience profile) and
    /// a per-request Semantic Kernel whose OpenAI connector uses those clients. Every provider goes through this one
    /// OpenAI-compatible path.
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
            builder.Services.AddHttpClient(client).AddLlmResilienceHandler(builder.Configuration);
        }

        // Every deployment but the last has somewhere to go: it fails over on 429 instead of waiting (see FailoverResilience).
        // The standard handler's options are named after its pipeline, "{client}-standard".
        foreach (var client in clients.SkipLast(1))
        {
            builder.Services.Configure<HttpStandardResilienceOptions>($"{client}-standard", FailoverResilience.Apply);
        }

        // Scoped: each request gets HttpClients from the factory, so handler rotation (DNS, service discovery)
        // keeps working; building the kernel is cheap next to a model call. One chat service per deployment,
        // keyed by the deployment name.
        builder.Services.AddScoped(static services =>
        {
            var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
            var factory = services.GetRequiredService<IHttpClientFactory>();

            var kernel = Kernel.CreateBuilder();
            kernel.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
            foreach (var deployment in options.ResolveDeployments())
            {
                kernel.AddOpenAIChatCompletion(
                    modelId: deployment.Model,
                    endpoint: deployment.Endpoint,
                    apiKey: deployment.ApiKey,
                    serviceId: deployment.Name,
                    httpClient: factory.CreateClient(deployment.HttpClientName));
            }

            return kernel.Build();
        });

        builder.Services.AddHostedService<LlmStartupLogger>();

        return builder;
    }
}

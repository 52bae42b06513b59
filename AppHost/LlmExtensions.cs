using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>Where ChatApi's model calls go. Set with <c>Llm:Provider</c> in AppHost configuration.</summary>
public enum LlmProvider
{
    /// <summary>The local model server (<c>model</c> and <c>model-fallback</c>): offline, no key. The default.</summary>
    Local,
    OpenAI,
    AzureOpenAI,
    Ollama,
}

/// <summary>The LLM wiring ChatApi receives: local deployments, or a real provider's endpoint, model and key.</summary>
public sealed record LlmResources(
    LlmProvider Provider,
    IResourceBuilder<ProjectResource>? Primary,
    IResourceBuilder<ProjectResource>? Fallback,
    string? Endpoint,
    string Model,
    IResourceBuilder<ParameterResource>? ApiKey,
    bool CaptureContent);

public static class LlmExtensions
{
    public const string PrimaryName = "model";
    public const string FallbackName = "model-fallback";
    public const string PrimaryModel = "bank-assist-large";
    public const string FallbackModel = "bank-assist-small";

    /// <summary>
    /// Adds the LLM: by default two deployments of the local OpenAI-compatible <c>ModelServer</c>, with dashboard
    /// commands that inject faults. With <c>Llm:Provider</c> set to OpenAI, AzureOpenAI or Ollama, ChatApi is pointed
    /// at that provider instead (<c>Llm:Endpoint</c>, <c>Llm:Model</c>, key in the secret parameter <c>llm-api-key</c>)
    /// and no local model server is started.
    /// </summary>
    public static LlmResources AddLlm(this IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = config.GetValue("Llm:Provider", LlmProvider.Local);
        // Prompt and completion text in telemetry: on for local development (the dashboard's GenAI view shows it),
        // off anywhere else unless configured.
        var captureContent = config.GetValue("Llm:CaptureContent", builder.Environment.IsDevelopment());

        if (provider != LlmProvider.Local)
        {
            var model = config["Llm:Model"]
                ?? throw new InvalidOperationException($"Llm:Model is required when Llm:Provider is {provider}.");
            var apiKey = provider is LlmProvider.OpenAI or LlmProvider.AzureOpenAI
                ? builder.AddParameter("llm-api-key", secret: true)
                : null;
            return new LlmResources(provider, null, null, config["Llm:Endpoint"], model, apiKey, captureContent);
        }

        // One generated admin key for both deployments' /admin API (fault injection); never printed.
        var adminKey = builder.AddParameter(
            "model-admin-key",
            new GenerateParameterDefault { MinLength = 32, Special = false },
            secret: true);

        // Each deployment has its own launch profile so their fixed local ports do not collide.
        var primary = builder.AddModelServer(PrimaryName, PrimaryModel, "http", adminKey, captureContent);
        var fallback = builder.AddModelServer(FallbackName, FallbackModel, "http-fallback", adminKey, captureContent);
        return new LlmResources(provider, primary, fallback, Endpoint: null, PrimaryModel, ApiKey: null, captureContent);
    }

    private static IResourceBuilder<ProjectResource> AddModelServer(
        this IDistributedApplicationBuilder builder,
        string name,
        string model,
        string launchProfile,
        IResourceBuilder<ParameterResource> adminKey,
        bool captureContent) =>
        builder.AddProject<Projects.ModelServer>(name, launchProfile)
            .WithEnvironment("ModelServer__Deployment", name)
            .WithEnvironment("ModelServer__Model", model)
            .WithEnvironment("ModelServer__AdminKey", adminKey)
            .WithEnvironment("Llm__CaptureContent", captureContent.ToString())
            .WithHttpHealthCheck("/health")
            .WithFaultCommands(adminKey);

    /// <summary>Points a service (ChatApi) at the LLM the AppHost chose, through service discovery for local deployments.</summary>
    public static IResourceBuilder<ProjectResource> WithLlm(this IResourceBuilder<ProjectResource> resource, LlmResources llm)
    {
        resource
            .WithEnvironment("Llm__Provider", llm.Provider.ToString())
            .WithEnvironment("Llm__Model", llm.Model)
            .WithEnvironment("Llm__CaptureContent", llm.CaptureContent.ToString());

        if (llm.Primary is not null)
        {
            resource.WithReference(llm.Primary).WaitFor(llm.Primary);
        }

        if (llm.Fallback is not null)
        {
            // Failover target, tried when the primary fails or its breaker is open. Not awaited: the primary alone can serve.
            resource.WithReference(llm.Fallback)
                .WithEnvironment("Llm__Fallbacks__0__Name", FallbackName)
                .WithEnvironment("Llm__Fallbacks__0__Model", FallbackModel);
        }

        if (llm.Endpoint is not null)
        {
            resource.WithEnvironment("Llm__Endpoint", llm.Endpoint);
        }

        if (llm.ApiKey is not null)
        {
            resource.WithEnvironment("Llm__ApiKey", llm.ApiKey);
        }

        return resource;
    }
}

namespace LlmReference.ChatApi.Llm;

/// <summary>
/// The model ChatApi talks to, bound from the <c>Llm</c> section (<c>Llm__Provider</c>, <c>Llm__Endpoint</c>,
/// <c>Llm__Model</c>, <c>Llm__ApiKey</c> as environment variables). Validated at start by <see cref="LlmOptionsValidator"/>.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client used for model calls (LLM resilience profile).</summary>
    public const string HttpClientName = "llm";

    /// <summary>The local model server's service-discovery endpoint (the AppHost's <c>model</c> resource).</summary>
    public static readonly Uri LocalEndpoint = new("http://model/v1");

    public static readonly Uri OllamaEndpoint = new("http://localhost:11434/v1");

    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    /// <summary>The model the local model server serves by default.</summary>
    public const string LocalDefaultModel = "bank-assist-large";

    /// <summary>Where completions come from. Default: <see cref="LlmProvider.Local"/>.</summary>
    public LlmProvider Provider { get; set; } = LlmProvider.Local;

    /// <summary>
    /// OpenAI-compatible base URL including the version segment (<c>.../v1</c>). Default: the provider's endpoint;
    /// required for <see cref="LlmProvider.AzureOpenAI"/>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) name. Default: <c>bank-assist-large</c> for Local; required otherwise.</summary>
    public string? Model { get; set; }

    /// <summary>API key. Required for OpenAI and AzureOpenAI; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Capture prompt and completion text in telemetry and Trace logs. Default: false (prompts carry customer data);
    /// the AppHost turns it on in development.
    /// </summary>
    public bool CaptureContent { get; set; }

    /// <summary>Name of the primary deployment, shown in replies and telemetry. Default: <c>model</c>.</summary>
    public string DeploymentName { get; set; } = "model";

    /// <summary>
    /// Ordered fallback deployments used when the primary (and each earlier fallback) is unavailable or its circuit
    /// breaker is open. Default: none.
    /// </summary>
    public List<LlmDeploymentOptions> Fallbacks { get; set; } = [];

    /// <summary>
    /// Price table for the <c>llm.cost</c> metric, keyed by model name (case-insensitive), in USD per million tokens
    /// (<c>Llm:Prices:{model}:InputPerMillionTokens</c>). Default: prices for the local models that mirror a large and a
    /// small hosted model; a model with no entry is not costed.
    /// </summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bank-assist-large"] = new() { InputPerMillionTokens = 2.50m, OutputPerMillionTokens = 10.00m },
        ["bank-assist-small"] = new() { InputPerMillionTokens = 0.15m, OutputPerMillionTokens = 0.60m },
    };

    /// <summary>The endpoint actually used: <see cref="Endpoint"/> or the provider's default.</summary>
    public Uri ResolveEndpoint() => Endpoint ?? Provider switch
    {
        LlmProvider.Local => LocalEndpoint,
        LlmProvider.Ollama => OllamaEndpoint,
        LlmProvider.OpenAI => OpenAIEndpoint,
        _ => throw new InvalidOperationException($"{SectionName}:Endpoint is required for provider {Provider}."),
    };

    /// <summary>The model actually requested: <see cref="Model"/> or the local default.</summary>
    public string ResolveModel() => string.IsNullOrWhiteSpace(Model)
        ? Provider == LlmProvider.Local ? LocalDefaultModel : throw new InvalidOperationException($"{SectionName}:Model is required for provider {Provider}.")
        : Model;

    /// <summary>The primary deployment followed by the fallbacks, in the order they are tried.</summary>
    public IReadOnlyList<LlmDeployment> ResolveDeployments()
    {
        var deployments = new List<LlmDeployment> { new(DeploymentName, ResolveEndpoint(), ResolveModel(), ApiKey, HttpClientName) };
        foreach (var fallback in Fallbacks)
        {
            var endpoint = fallback.Endpoint ?? (Provider == LlmProvider.Local
                ? new Uri($"http://{fallback.Name}/v1")
                : throw new InvalidOperationException($"{SectionName}:Fallbacks: '{fallback.Name}' needs an Endpoint for provider {Provider}."));
            deployments.Add(new LlmDeployment(fallback.Name, endpoint, fallback.Model ?? ResolveModel(), fallback.ApiKey ?? ApiKey, $"{HttpClientName}-{fallback.Name}"));
        }

        return deployments;
    }

    /// <summary>Whether the provider refuses calls without a key.</summary>
    public bool RequiresApiKey => Provider is LlmProvider.OpenAI or LlmProvider.AzureOpenAI;
}

namespace LlmReference.ChatApi.Llm;

/// <summary>
/// The model deployments ChatApi talks to, bound from the <c>Llm</c> section. Each deployment is a connection string
/// (<c>ConnectionStrings:{name}</c>, see <see cref="LlmConnectionString"/>) that the AppHost builds from the model
/// resources it started, or that an operator sets for a real provider; ChatApi knows no endpoint, port or model of
/// its own. Validated at start by <see cref="LlmOptionsValidator"/>.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client used for the primary's model calls (LLM resilience profile).</summary>
    public const string HttpClientName = "llm";

    /// <summary>The deployments when <see cref="Deployments"/> is not set: the one connection string <c>model</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultDeployments = ["model"];

    /// <summary>
    /// Names of the deployments' connection strings, in the order they are tried: the primary first, then each
    /// fallback when the ones before it fail or their circuit breaker is open (<c>Llm:Deployments:0</c> = <c>model</c>,
    /// <c>Llm:Deployments:1</c> = <c>model-fallback</c>). The name is also the deployment's name in replies and
    /// telemetry. Default: <see cref="DefaultDeployments"/>; a configured list replaces it (null here rather than an
    /// initialised list, because the configuration binder adds to a list instead of replacing it).
    /// </summary>
    public List<string>? Deployments { get; set; }

    /// <summary>
    /// Capture prompt and completion text in telemetry and Trace logs. Default: false (prompts carry customer data);
    /// the AppHost turns it on in development.
    /// </summary>
    public bool CaptureContent { get; set; }

    /// <summary>
    /// Price table for the <c>llm.cost</c> metric, keyed by model name (case-insensitive), in USD per million tokens
    /// (<c>Llm:Prices:{model}:InputPerMillionTokens</c>). Default: appsettings.json, which prices the local models like
    /// a large and a small hosted model; a model with no entry is not costed. It lives in configuration, not here,
    /// because prices change without a release.
    /// </summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The deployments' connection strings by name, read from <c>ConnectionStrings</c> when the options are built
    /// (see <see cref="LlmServiceCollectionExtensions"/>); not bound from the <c>Llm</c> section.
    /// </summary>
    internal Dictionary<string, string?> ConnectionStrings { get; } = new(StringComparer.OrdinalIgnoreCase);

    private IReadOnlyList<LlmDeployment>? _deployments;

    /// <summary>The connection-string names in the order tried: <see cref="Deployments"/> or the default.</summary>
    public IReadOnlyList<string> DeploymentNames => Deployments is { Count: > 0 } configured ? configured : DefaultDeployments;

    /// <summary>The <see cref="IHttpClientFactory"/> client of the deployment at <paramref name="index"/>: each has its own circuit breaker.</summary>
    public static string HttpClientNameOf(string name, int index) => index == 0 ? HttpClientName : $"{HttpClientName}-{name}";

    /// <summary>
    /// The deployments in the order they are tried, parsed once from their connection strings (validation at start
    /// has already reported any that do not parse).
    /// </summary>
    public IReadOnlyList<LlmDeployment> ResolveDeployments() => _deployments ??=
    [
        .. DeploymentNames.Select((name, index) =>
        {
            var connection = LlmConnectionString.Parse(name, ConnectionStrings.GetValueOrDefault(name));
            return new LlmDeployment(name, connection.Endpoint, connection.Model, connection.Key, HttpClientNameOf(name, index));
        }),
    ];

    /// <summary>The primary deployment's model.</summary>
    public string ResolveModel() => ResolveDeployments()[0].Model;
}

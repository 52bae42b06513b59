namespace LlmReference.ChatApi.Llm;

/// <summary>
/// A fallback deployment (<c>Llm:Fallbacks:{i}</c>), tried in order when the ones before it fail or their circuit
/// breaker is open. Same provider and wire format as the primary.
/// </summary>
public sealed class LlmDeploymentOptions
{
    /// <summary>Deployment name, shown in replies and telemetry; for the Local provider also the service-discovery name (e.g. <c>model-fallback</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Endpoint including <c>/v1</c>. Default for Local: <c>http://{Name}/v1</c>; required for other providers.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) name. Default: the primary's model.</summary>
    public string? Model { get; set; }

    /// <summary>API key. Default: the primary's key. Never logged.</summary>
    public string? ApiKey { get; set; }
}

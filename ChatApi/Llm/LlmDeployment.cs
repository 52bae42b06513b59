namespace LlmReference.ChatApi.Llm;

/// <summary>One resolved model deployment: where it is, what it serves, and its own HTTP client (own circuit breaker).</summary>
public sealed record LlmDeployment(string Name, Uri Endpoint, string Model, string? ApiKey, string HttpClientName)
{
    public override string ToString() => $"{Name} ({Model} at {Endpoint})";
}

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// The two services under load, each one <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> with a base
/// address, a timeout and no other handler: no retries, no breaker, no hedging, so every response the services send
/// is one the report counts.
/// </summary>
public sealed class LoadTargets(HttpClient chat, HttpClient fraud)
{
    public const string ChatClientName = "loadgen-chat";
    public const string FraudClientName = "loadgen-fraud";

    public HttpClient Chat { get; } = chat;

    public HttpClient Fraud { get; } = fraud;
}

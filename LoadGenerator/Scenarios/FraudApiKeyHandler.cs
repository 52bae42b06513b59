using LlmReference.FraudService.Contracts;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Adds FraudService's API key to every request of the fraud target client. No key configured: requests go without
/// one (FraudService then answers 401, which the report counts as errors).
/// </summary>
internal sealed class FraudApiKeyHandler(Func<string?> key) : DelegatingHandler
{
    /// <summary>Where the CLI reads the key: an environment variable, so it shows in neither the command line nor the report.</summary>
    public const string EnvironmentVariable = "FRAUD_API_KEY";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (key() is { Length: > 0 } value)
        {
            request.Headers.Remove(FraudApiKey.HeaderName);
            request.Headers.Add(FraudApiKey.HeaderName, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

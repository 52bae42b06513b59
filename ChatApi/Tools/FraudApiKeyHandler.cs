using LlmReference.FraudService.Contracts;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Tools;

/// <summary>Adds FraudService's API key (<see cref="ChatToolsOptions.FraudApiKey"/>) to every request of the <c>fraud</c> client.</summary>
internal sealed class FraudApiKeyHandler(IOptionsMonitor<ChatToolsOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.FraudApiKey is { Length: > 0 } key)
        {
            request.Headers.Remove(FraudApiKey.HeaderName);
            request.Headers.Add(FraudApiKey.HeaderName, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

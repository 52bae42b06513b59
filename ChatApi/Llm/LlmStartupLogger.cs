using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Llm;

/// <summary>Says once, at start, which provider, endpoint and model this instance uses (never the key).</summary>
internal sealed class LlmStartupLogger(IOptions<LlmOptions> options, ILogger<LlmStartupLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var llm = options.Value;
        Log.ProviderConfigured(logger, llm.Provider, llm.ResolveEndpoint(), llm.ResolveModel(), !string.IsNullOrEmpty(llm.ApiKey), llm.CaptureContent);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

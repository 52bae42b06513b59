using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Llm;

/// <summary>Says once, at start, which deployments this instance calls, in order (never the key).</summary>
internal sealed class LlmStartupLogger(IOptions<LlmOptions> options, ILogger<LlmStartupLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var llm = options.Value;
        var deployments = llm.ResolveDeployments();
        for (var i = 0; i < deployments.Count; i++)
        {
            var deployment = deployments[i];
            Log.DeploymentConfigured(logger, i + 1, deployment.Name, deployment.Model, deployment.Endpoint, !string.IsNullOrEmpty(deployment.ApiKey), llm.CaptureContent);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using LlmReference.ChatApi.Caching;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Tools;

/// <summary>
/// The tools a turn offers the model: <see cref="BankToolsPlugin"/>'s Semantic Kernel functions, bound to the
/// application's kernel and scoped to the caller, as <see cref="AIFunction"/>s the pipeline's function invocation calls.
/// </summary>
public sealed class ChatTools(Kernel kernel, IHttpClientFactory httpClients, IOptions<ChatToolsOptions> options, TimeProvider time)
{
    /// <summary>Part of the response cache key: a change to any tool's metadata is a new key.</summary>
    public string Fingerprint => options.Value.Enabled ? BankToolsPlugin.Fingerprint : ResponseCacheKey.NoTools;

    /// <summary>The caller's tools, or null when tools are off.</summary>
    public IList<AITool>? For(string userId)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return null;
        }

        // The tools act for this caller only: the plugin is built per turn with the caller's id.
        var plugin = BankToolsPlugin.Create(httpClients.CreateClient(ChatToolsOptions.FraudHttpClientName), userId, settings.RecentTransactionsLimit, time);
        return [.. plugin.AsAIFunctions(kernel)];
    }
}

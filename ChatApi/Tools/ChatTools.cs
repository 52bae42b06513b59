using LlmReference.ChatApi.Caching;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Tools;

/// <summary>
/// The tools a turn offers the model: <see cref="BankToolsPlugin"/>'s Semantic Kernel functions, bound to the
/// application's kernel, as <see cref="AIFunction"/>s the pipeline's function invocation calls. Built once; each call
/// acts for the caller of the turn it belongs to.
/// </summary>
public sealed class ChatTools
{
    private readonly AITool[]? _tools;

    public ChatTools(Kernel kernel, IHttpClientFactory httpClients, IOptions<ChatToolsOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        Fingerprint = settings.Enabled ? BankToolsPlugin.Fingerprint : ResponseCacheKey.NoTools;
        _tools = settings.Enabled
            ? [.. BankToolsPlugin.Create(() => httpClients.CreateClient(ChatToolsOptions.FraudHttpClientName), settings.RecentTransactionsLimit, time).AsAIFunctions(kernel)]
            : null;
    }

    /// <summary>Part of the response cache key: a change to any tool's metadata is a new key.</summary>
    public string Fingerprint { get; }

    /// <summary>A turn's own list of the tools (the options of a call are the caller's to change), or null when tools are off.</summary>
    public IList<AITool>? ForTurn() => _tools is null ? null : [.. _tools];
}

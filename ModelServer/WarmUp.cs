using LlmReference.ModelServer.Faults;
using LlmReference.ModelServer.Knowledge;
using LlmReference.ModelServer.Tokens;

namespace LlmReference.ModelServer;

/// <summary>
/// Loads the tokenizer and knowledge base, and creates the fault gauge, at start-up, so the first request does not pay
/// ~400 ms and the fault state is exported before any fault is set.
/// </summary>
internal sealed class WarmUp(TokenCounter tokens, KnowledgeBase knowledge, FaultController faults) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        tokens.Count("warm up");
        _ = knowledge.Entries.Count;
        _ = faults.Current;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

namespace LlmReference.ChatApi.Chat;

/// <summary>Builds the tokenizer in the background at start, so the first chat does not pay for it.</summary>
internal sealed class PromptTokenCounterWarmUp(PromptTokenCounter counter) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(counter.WarmUp, stoppingToken);
}

using System.Net.ServerSentEvents;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Streamed chat (<c>POST /api/chat/stream</c>, server-sent events): success is a <c>done</c> event; an <c>error</c>
/// event, a stream that ends without <c>done</c>, or one silent for longer than the idle timeout is a stream error.
/// Records when the first <c>delta</c> arrived, the latency a person watching the answer feels.
/// </summary>
/// <remarks>
/// The HTTP client's timeout covers only the wait for headers of a streamed response, so the scenario bounds the body
/// itself: a stalled stream ends at <see cref="ScenarioSettings.StreamIdleTimeout"/>, it does not hang the run.
/// </remarks>
public sealed class StreamChatScenario(LoadTargets targets, UserPool users, MessageCatalog messages, TimeSpan idleTimeout, TimeProvider time)
    : ScenarioBase(ScenarioNames.Stream)
{
    public const string Path = "api/chat/stream";

    protected override async Task<RequestOutcome> SendAsync(RequestContext context, CancellationToken cancellationToken)
    {
        using var request = Post(Path, new ChatMessage(messages.Opening(context.Random, context.Sequence)), users.Pick(context.Random));
        using var response = await targets.Chat.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return Failed(response);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        long? firstChunk = null;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(idle.Token).ConfigureAwait(false))
            {
                idle.CancelAfter(idleTimeout);
                switch (item.EventType)
                {
                    case "delta":
                        firstChunk ??= time.GetTimestamp();
                        break;
                    case "done":
                        return new RequestOutcome(Name, OutcomeKind.Success, (int)response.StatusCode, firstChunk);
                    case "error":
                        return new RequestOutcome(Name, OutcomeKind.StreamError, (int)response.StatusCode, firstChunk);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Idle too long: the stream stalled.
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // The connection broke mid-answer: for a reader that is a broken stream, not a failed request.
        }

        return new RequestOutcome(Name, OutcomeKind.StreamError, (int)response.StatusCode, firstChunk);
    }
}

using System.Threading.Channels;
using LlmReference.ChatApi.Sessions;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// A streamed turn that has started answering: its session is known and its first event is in hand. The rest arrive
/// from the turn, which runs on its own (in its own span) and waits while the caller is slower than the model.
/// </summary>
public sealed class StreamedTurn(ResolvedSession session, ChatTurnEvent first, ChannelReader<ChatTurnEvent> rest)
{
    public ResolvedSession Session { get; } = session;

    /// <summary>The turn's events, the first one included; ends after <see cref="ChatTurnEvent.Completed"/> or <see cref="ChatTurnEvent.Failed"/>.</summary>
    public async IAsyncEnumerable<ChatTurnEvent> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return first;
        await foreach (var next in rest.ReadAllAsync(cancellationToken))
        {
            yield return next;
        }
    }
}

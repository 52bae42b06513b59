using Microsoft.Extensions.AI;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// Reads a streamed answer with an idle limit: each update must arrive within the timeout, otherwise the model call is
/// cancelled and <see cref="StreamIdleTimeoutException"/> is thrown. The clock runs only while waiting for the model,
/// not while the caller handles an update. Cancelling the request cancels the model call too.
/// </summary>
public sealed class IdleTimeoutStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _requestAborted;

    public IdleTimeoutStream(Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> open, TimeSpan idleTimeout, CancellationToken requestAborted)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        _updates = open(_cancellation.Token).GetAsyncEnumerator(_cancellation.Token);
        _idleTimeout = idleTimeout;
        _requestAborted = requestAborted;
    }

    public ChatResponseUpdate Current => _updates.Current;

    public async ValueTask<bool> MoveNextAsync()
    {
        _cancellation.CancelAfter(_idleTimeout);
        try
        {
            return await _updates.MoveNextAsync();
        }
        catch (Exception) when (_cancellation.IsCancellationRequested && !_requestAborted.IsCancellationRequested)
        {
            throw new StreamIdleTimeoutException(_idleTimeout);
        }
        finally
        {
            _cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _updates.DisposeAsync();
        _cancellation.Dispose();
    }
}

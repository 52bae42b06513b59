using System.Text;
using LlmReference.ChatApi.Llm;
using Microsoft.SemanticKernel;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;
using StreamingChatCompletionUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// One streamed model answer, read delta by delta. Each read must produce a chunk within the idle timeout, otherwise
/// the model call is cancelled and <see cref="StreamIdleTimeoutException"/> is thrown; cancelling the request (client
/// disconnect) cancels the model call too, which closes the connection to the model.
/// </summary>
public sealed class ChatStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly IAsyncEnumerator<StreamingChatMessageContent> _chunks;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _requestAborted;
    private readonly TimeProvider _time;
    private readonly ChatApiMetrics _metrics;
    private readonly LlmDeployment _deployment;
    private readonly StringBuilder _reply = new();
    private long _lastChunk;
    private bool _firstChunkSeen;

    public ChatStream(
        IAsyncEnumerable<StreamingChatMessageContent> chunks, TimeSpan idleTimeout, TimeProvider time, ChatApiMetrics metrics,
        LlmDeployment deployment, long startTimestamp, CancellationToken requestAborted)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        _chunks = chunks.GetAsyncEnumerator(_cancellation.Token);
        _idleTimeout = idleTimeout;
        _requestAborted = requestAborted;
        _time = time;
        _metrics = metrics;
        _deployment = deployment;
        _lastChunk = startTimestamp;
    }

    /// <summary>Set once the first chunk arrived: from then on the model has done (and billed) work.</summary>
    public bool Started => _firstChunkSeen;

    /// <summary>The deployment this stream comes from.</summary>
    public LlmDeployment Deployment => _deployment;

    public string? Model { get; private set; }

    public string? ResponseId { get; private set; }

    public ChatTokenUsage? Usage { get; private set; }

    /// <summary>From the start of the turn to the first chunk.</summary>
    public TimeSpan TimeToFirstChunk { get; private set; }

    /// <summary>The next piece of text, or null when the answer is complete.</summary>
    public async Task<string?> NextDeltaAsync()
    {
        while (true)
        {
            _cancellation.CancelAfter(_idleTimeout);
            bool more;
            try
            {
                more = await _chunks.MoveNextAsync();
            }
            catch (Exception) when (_cancellation.IsCancellationRequested && !_requestAborted.IsCancellationRequested)
            {
                throw new StreamIdleTimeoutException(_idleTimeout);
            }
            catch (Exception ex) when (ModelFailure.RejectedStatus(ex) is { } status)
            {
                // Before the first chunk or at a tool round trip's next call: the 502 names this deployment.
                throw new ModelRejectedException(_deployment, status, ex);
            }

            // The idle clock only runs while waiting for the model, not while the client is being written to.
            _cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
            if (!more)
            {
                return null;
            }

            var chunk = _chunks.Current;
            if (chunk.InnerContent is StreamingChatCompletionUpdate update)
            {
                Model ??= update.Model;
                ResponseId ??= update.CompletionId;
                Usage = update.Usage ?? Usage;
            }

            if (!string.IsNullOrEmpty(chunk.Content))
            {
                RecordChunkTiming();
                _reply.Append(chunk.Content);
                return chunk.Content;
            }
        }
    }

    /// <summary>The complete answer, once <see cref="NextDeltaAsync"/> returned null.</summary>
    public ChatTurn ToTurn() => new(
        _reply.ToString(),
        string.IsNullOrEmpty(Model) ? _deployment.Model : Model,
        Usage?.InputTokenCount ?? 0,
        Usage?.OutputTokenCount ?? 0,
        ResponseId) { Deployment = _deployment };

    public async ValueTask DisposeAsync()
    {
        await _chunks.DisposeAsync();
        _cancellation.Dispose();
    }

    private void RecordChunkTiming()
    {
        var now = _time.GetTimestamp();
        var gap = _time.GetElapsedTime(_lastChunk, now);
        _lastChunk = now;
        if (_firstChunkSeen)
        {
            _metrics.RecordTimePerOutputChunk(gap, _deployment.Model, _deployment.Name);
        }
        else
        {
            _firstChunkSeen = true;
            TimeToFirstChunk = gap;
            _metrics.RecordTimeToFirstChunk(gap, _deployment.Model, _deployment.Name);
        }
    }
}

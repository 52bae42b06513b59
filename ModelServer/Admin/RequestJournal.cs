using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Admin;

/// <summary>The most recent <c>/v1</c> requests (bounded by <c>ModelServer:RecentRequestCapacity</c>), newest first on read.</summary>
internal sealed class RequestJournal(IOptions<ModelServerOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly int _capacity = options.Value.RecentRequestCapacity;

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Enqueue(request);
            while (_requests.Count > _capacity)
            {
                _requests.Dequeue();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Recent(int limit)
    {
        lock (_gate)
        {
            return [.. _requests.Reverse().Take(limit)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}

namespace LlmReference.ServiceDefaults.Cache;

/// <summary>
/// Set on requests that run through the <see cref="CacheCircuitBreaker"/>. A handler that turns a cache failure into
/// its own answer (ChatApi's <c>store_unavailable</c> 503) reports it here, so the breaker counts it as a failure
/// although no exception escaped. Use <c>HttpContext.ReportCacheFailure</c>.
/// </summary>
public sealed class CacheFailureFeature(CacheCircuitBreaker breaker)
{
    /// <summary>The first cache failure reported during this request, if any.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The handler has returned and its outcome was counted; a later failure (in a streamed body) counts on its own.</summary>
    private bool Completed { get; set; }

    /// <summary>The breaker counted the handler's outcome, including the exception that escaped it, if any.</summary>
    internal void Complete(Exception? escaped)
    {
        Completed = true;
        Failure ??= escaped;
    }

    public ValueTask ReportAsync(Exception exception)
    {
        if (Failure is not null)
        {
            return ValueTask.CompletedTask;
        }

        Failure = exception;
        return Completed ? breaker.RecordFailureAsync(exception) : ValueTask.CompletedTask;
    }
}

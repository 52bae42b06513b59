using System.ClientModel;
using System.Net;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LlmReference.ChatApi.Chat;

/// <summary>Sorts a failed model call into "unavailable, try later" (503) and "rejected our request" (502).</summary>
public static class ModelFailure
{
    public static bool IsUnavailable(Exception exception, CancellationToken requestAborted) => exception switch
    {
        // The connector wraps transport errors and HTTP error statuses; no status means no answer at all.
        HttpOperationException { StatusCode: null } => true,
        HttpOperationException { StatusCode: var status } => IsTransient(status.Value),
        // Streaming calls surface the OpenAI client's own exception unwrapped; status 0 means no response.
        ClientResultException { Status: 0 } => true,
        ClientResultException { Status: var code } => IsTransient((HttpStatusCode)code),
        HttpRequestException or BrokenCircuitException or TimeoutRejectedException => true,
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        _ when exception.InnerException is { } inner => IsUnavailable(inner, requestAborted),
        _ => false,
    };

    /// <summary>The model answered with a client error: our request (or configuration, e.g. an unknown model) is wrong.</summary>
    public static bool IsRejected(Exception exception) => exception switch
    {
        HttpOperationException { StatusCode: { } status } => !IsTransient(status),
        ClientResultException { Status: > 0 and var code } => !IsTransient((HttpStatusCode)code),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
}

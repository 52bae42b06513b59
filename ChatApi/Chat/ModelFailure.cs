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

    /// <summary>
    /// The status of a client error the model answered with (our request or configuration, e.g. an unknown model, is
    /// wrong), or null when it did not refuse the request.
    /// </summary>
    public static int? RejectedStatus(Exception exception) => exception switch
    {
        HttpOperationException { StatusCode: { } status } when !IsTransient(status) => (int)status,
        ClientResultException { Status: > 0 and var code } when !IsTransient((HttpStatusCode)code) => code,
        _ => null,
    };

    /// <summary>
    /// The failure's <c>error.type</c> by the OpenTelemetry convention: the HTTP status code as a string when the model
    /// answered with one (<c>503</c>, <c>429</c>), <c>timeout</c> when it did not answer in time, <c>circuit_open</c>
    /// when its breaker refused the call, else the exception's full type name.
    /// </summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        HttpOperationException { StatusCode: { } status } => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ClientResultException { Status: > 0 and var code } => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HttpRequestException { StatusCode: { } status } => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        TimeoutRejectedException or TimeoutException or StreamIdleTimeoutException => "timeout",
        BrokenCircuitException => "circuit_open",
        // Wrappers (the connector's, HttpClient's timeout cancellation around a TimeoutException) say less than their cause.
        _ when exception.InnerException is { } inner => ErrorType(inner),
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
}

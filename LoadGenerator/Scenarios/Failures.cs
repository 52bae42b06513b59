using System.Net.Sockets;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>Sorts a failed request's exception into the report's error types.</summary>
public static class Failures
{
    /// <summary>
    /// The <see cref="OutcomeKind"/> of <paramref name="exception"/>, or null when the run itself was cancelled (the
    /// caller rethrows, and the runner counts the request as <see cref="OutcomeKind.Cancelled"/>).
    /// </summary>
    public static OutcomeKind? Classify(Exception exception, CancellationToken runToken) => exception switch
    {
        OperationCanceledException when runToken.IsCancellationRequested => null,
        // HttpClient.Timeout surfaces as a TaskCanceledException wrapping a TimeoutException.
        OperationCanceledException or TimeoutException => OutcomeKind.Timeout,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => OutcomeKind.Connection,
        HttpRequestException { InnerException: SocketException or IOException } => OutcomeKind.Connection,
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => OutcomeKind.Connection,
        HttpRequestException or IOException => OutcomeKind.Connection,
        System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException => OutcomeKind.InvalidResponse,
        _ => null,
    };
}

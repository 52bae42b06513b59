using System.Net;
using LlmReference.ChatApi.Chat;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LlmReference.ChatApi.Tests;

/// <summary><c>error.type</c> of a failed model call, by the OpenTelemetry convention (status code, <c>timeout</c>).</summary>
public sealed class ModelFailureErrorTypeTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503")]
    [InlineData(HttpStatusCode.TooManyRequests, "429")]
    public void AnHttpStatusIsItsCode(HttpStatusCode status, string expected) =>
        Assert.Equal(expected, ModelFailure.ErrorType(new HttpOperationException(status, "body", "boom", null)));

    [Fact]
    public void TimeoutsAreTimeout()
    {
        Assert.Equal("timeout", ModelFailure.ErrorType(new TimeoutRejectedException()));
        // HttpClient's own timeout: a cancellation around a TimeoutException, wrapped by the connector.
        Assert.Equal("timeout", ModelFailure.ErrorType(
            new HttpOperationException(null, null, "wrapped", new TaskCanceledException("timed out", new TimeoutException()))));
    }

    [Fact]
    public void AnOpenBreakerIsCircuitOpen() =>
        Assert.Equal("circuit_open", ModelFailure.ErrorType(new HttpOperationException(null, null, "wrapped", new BrokenCircuitException())));

    [Fact]
    public void AnythingElseIsItsFullTypeName() =>
        Assert.Equal(typeof(HttpRequestException).FullName, ModelFailure.ErrorType(new HttpRequestException("connection refused")));
}

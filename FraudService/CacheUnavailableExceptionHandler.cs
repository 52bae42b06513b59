using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace LlmReference.FraudService;

/// <summary>
/// An unreachable cache is a 503 with <c>Retry-After</c> and a useful <c>detail</c>, not a 500: scoring cannot keep its
/// record. The cache circuit breaker has already counted the failure; while it is open, requests do not get this far.
/// </summary>
internal sealed class CacheUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RedisException or RedisTimeoutException))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await httpContext.ReportCacheFailureAsync(exception).ConfigureAwait(false);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Transaction store unavailable",
                Detail = "The transaction store (cache) did not answer, so nothing was scored or stored. Retry after the time in Retry-After.",
            },
        }).ConfigureAwait(false);
    }
}

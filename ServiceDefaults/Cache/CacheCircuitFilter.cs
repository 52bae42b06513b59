using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace LlmReference.ServiceDefaults.Cache;

/// <summary>
/// Runs the handlers of endpoints marked <c>RequireCache()</c> through the <see cref="CacheCircuitBreaker"/>. While
/// the breaker is open the request is answered 503 with <c>Retry-After</c> and problem details before the handler
/// runs, so nothing is stored and the cache is not called.
/// </summary>
/// <remarks>
/// An endpoint filter, not a middleware, so a streamed answer does not hold the breaker for its whole length: the
/// handler's cache work (history, budget) is done when it returns the stream, and that is when the outcome counts; in
/// half-open state one probe at a time is let through, and a long stream would keep every other request refused.
/// A failure while the stream is written (storing the turn) is reported afterwards through
/// <c>HttpContext.ReportCacheFailure</c>, which then counts it on its own.
/// </remarks>
internal sealed class CacheCircuitFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var breaker = http.RequestServices.GetRequiredService<CacheCircuitBreaker>();
        var feature = new CacheFailureFeature(breaker);
        http.Features.Set(feature);

        var outcome = await breaker.ExecuteAsync(
            static async s =>
            {
                var result = await s.next(s.context).ConfigureAwait(false);
                return new CacheCall(result, s.feature.Failure is not null);
            },
            (next, context, feature),
            http.RequestAborted).ConfigureAwait(false);
        // Counted now: a report from here on (an exception handler's, a streamed body's) must not count it twice.
        feature.Complete(outcome.Exception);

        if (outcome.Exception is BrokenCircuitException broken)
        {
            return await RefuseAsync(http, breaker, broken).ConfigureAwait(false);
        }

        // The handler's own exception goes on to the exception handlers, as if the breaker were not there.
        outcome.ThrowIfException();
        return outcome.Result.Result;
    }

    private static async ValueTask<IResult> RefuseAsync(HttpContext http, CacheCircuitBreaker breaker, BrokenCircuitException broken)
    {
        var retryAfter = Microsoft.Extensions.Hosting.Extensions.RetryAfterSeconds(broken.RetryAfter ?? breaker.BreakDuration);
        breaker.Metrics.RecordRejection();
        Log.RequestRefused(http.RequestServices.GetRequiredService<ILogger<CacheCircuitBreaker>>(), http.Request.Method, http.Request.Path, retryAfter);

        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (http.RequestServices.GetRequiredService<IOptions<CacheResilienceOptions>>().Value.OnRejected is { } onRejected)
        {
            await onRejected(http).ConfigureAwait(false);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: CacheUnavailableTitle,
            detail: $"The cache this service keeps its data in is unavailable, so the request was refused before it was processed: nothing was stored. Retry after {retryAfter} s.");
    }

    /// <summary>The title of every 503 the breaker writes.</summary>
    public const string CacheUnavailableTitle = "Cache unavailable";
}

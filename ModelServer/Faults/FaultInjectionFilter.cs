using LlmReference.ModelServer.Wire;
using LlmReference.ModelServer.Telemetry;

namespace LlmReference.ModelServer.Faults;

/// <summary>
/// Applies the request-level faults to every <c>/v1</c> call before it reaches its handler: outage (503), the 429 storm
/// (with Retry-After), the error rate (500/503) and added latency. Slow-stream acts inside generation instead.
/// </summary>
internal sealed class FaultInjectionFilter(FaultController faults, ModelServerMetrics metrics, TimeProvider timeProvider, ILogger<FaultInjectionFilter> logger)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = faults.Current;

        if (state.Latency is { AddedMs: > 0 } latency)
        {
            Injected(FaultMode.Latency, http);
            await Task.Delay(TimeSpan.FromMilliseconds(latency.AddedMs), timeProvider, http.RequestAborted);
        }

        if (state.Outage is not null)
        {
            Injected(FaultMode.Outage, http);
            return OpenAIErrors.ServerError(StatusCodes.Status503ServiceUnavailable,
                "The model deployment is unavailable (injected outage). Retry later or fail over to another deployment.");
        }

        if (faults.ConsumeRateLimit() is { } storm)
        {
            Injected(FaultMode.RateLimit, http);
            return OpenAIErrors.RateLimited(
                $"Rate limit reached for requests on deployment '{state.Deployment}' (injected 429 storm). Please retry after {storm.RetryAfterSeconds} seconds.",
                storm.RetryAfterSeconds)
                .WithHeader("x-ratelimit-remaining-requests", "0")
                .WithHeader("x-ratelimit-remaining-tokens", "0");
        }

        if (state.Errors is { } errors && Random.Shared.NextDouble() < errors.Rate)
        {
            Injected(FaultMode.Errors, http);
            return OpenAIErrors.ServerError(errors.StatusCode, errors.StatusCode == StatusCodes.Status503ServiceUnavailable
                ? "The server is temporarily overloaded (injected error). Please retry."
                : "The server had an error while processing your request (injected error). Please retry.");
        }

        return await next(context);
    }

    private void Injected(string mode, HttpContext http)
    {
        metrics.RecordFaultInjection(mode);
        Log.FaultInjected(logger, mode, http.Request.Path);
    }
}

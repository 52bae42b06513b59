using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.RateLimiting;

public static class RateLimitingServiceExtensions
{
    /// <summary>Name of the policy the chat endpoints require.</summary>
    public const string ChatPolicy = "chat";

    /// <summary>
    /// A fixed-window limiter per caller (authenticated user, else client address) for the chat endpoints, and a
    /// concurrent-stream limit per caller, both counted in the cache so that N replicas apply each caller's limit
    /// once (<see cref="RedisFixedWindowLimiter"/>, <see cref="RedisConcurrencyLimiter"/>). They plug into ASP.NET Core's
    /// rate-limiting middleware, so its metrics and <c>OnRejected</c> are unchanged; refusals are 429 problem details
    /// with <c>Retry-After</c>.
    /// </summary>
    public static TBuilder AddChatRateLimiting<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ChatRateLimitOptions>()
            .BindConfiguration(ChatRateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisRateLimitContext>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(ChatPolicy, context =>
            {
                var services = context.RequestServices;
                return RateLimitPartition.Get(CallerKey(context), partition => new RedisFixedWindowLimiter(
                    partition,
                    services.GetRequiredService<RedisRateLimitContext>(),
                    services.GetRequiredService<IOptions<ChatRateLimitOptions>>().Value));
            });
            // Open streams hold a permit for their whole life; this runs in addition to the endpoint's window policy.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments(Chat.ChatEndpoints.StreamPath))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var services = context.RequestServices;
                return RateLimitPartition.Get("stream:" + CallerKey(context), partition => new RedisConcurrencyLimiter(
                    partition,
                    services.GetRequiredService<RedisRateLimitContext>(),
                    services.GetRequiredService<IOptions<ChatRateLimitOptions>>().Value));
            });
            limiter.OnRejected = WriteRejectionAsync;
        });

        return builder;
    }

    /// <summary>The authenticated user when there is one, else the client address.</summary>
    private static string CallerKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.Identity.Name is { } user
            ? "user:" + user
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var options = context.RequestServices.GetRequiredService<IOptions<ChatRateLimitOptions>>().Value;
        // Window leases say when the window reopens; a concurrency lease has no such time: a stream must end first.
        var windowLimited = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
        var seconds = windowLimited ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        // The limit could not be checked: answered as the endpoint answers a cache failure, not as a rate limit.
        var cacheUnavailable = rejected.Lease.TryGetMetadata(RedisLease.CacheUnavailableMetadata, out _);
        var (status, title, outcome, detail) = cacheUnavailable
            ? (StatusCodes.Status503ServiceUnavailable, "Conversation store unavailable", ChatApiTelemetry.Outcomes.StoreUnavailable,
                $"The conversation store (cache) did not answer, so your message was not processed and nothing was stored. Retry after {seconds} s.")
            : (StatusCodes.Status429TooManyRequests, "Too many requests", ChatApiTelemetry.Outcomes.RateLimited, windowLimited
                ? $"At most {options.PermitLimit} chat requests per {options.Window} are allowed per caller. Retry after {seconds} s."
                : $"At most {options.MaxConcurrentStreamsPerUser} streams may be open at once per caller. Wait for one to finish.");

        context.RequestServices.GetRequiredService<ChatApiMetrics>()
            .RecordRequest(
                outcome,
                context.RequestServices.GetRequiredService<IOptions<Llm.LlmOptions>>().Value.ResolveModel(),
                streaming: context.Request.Path.StartsWithSegments(Chat.ChatEndpoints.StreamPath));

        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

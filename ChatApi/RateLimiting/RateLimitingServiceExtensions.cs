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
    /// A fixed-window limiter per caller (authenticated user, else client address) for the chat endpoints; refusals
    /// are 429 problem details with <c>Retry-After</c>.
    /// </summary>
    public static TBuilder AddChatRateLimiting<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ChatRateLimitOptions>()
            .BindConfiguration(ChatRateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(ChatPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ChatRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(CallerKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = options.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            // Open streams hold a permit for their whole life; this runs in addition to the endpoint's window policy.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments(Chat.ChatEndpoints.StreamPath))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var options = context.RequestServices.GetRequiredService<IOptions<ChatRateLimitOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter("stream:" + CallerKey(context), _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxConcurrentStreamsPerUser,
                    QueueLimit = 0,
                });
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
        var detail = windowLimited
            ? $"At most {options.PermitLimit} chat requests per {options.Window} are allowed per caller. Retry after {seconds} s."
            : $"At most {options.MaxConcurrentStreamsPerUser} streams may be open at once per caller. Wait for one to finish.";

        context.RequestServices.GetRequiredService<ChatApiMetrics>()
            .RecordRequest(
                ChatApiTelemetry.Outcomes.RateLimited,
                context.RequestServices.GetRequiredService<IOptions<Llm.LlmOptions>>().Value.ResolveModel(),
                streaming: context.Request.Path.StartsWithSegments(Chat.ChatEndpoints.StreamPath));

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
            },
        });
    }
}

using System.Globalization;
using LlmReference.ServiceDefaults.Cache;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// The cache client every service uses: Aspire's <c>AddRedisClient</c> (connection, health check, tracing) with
    /// fail-fast settings from <see cref="CacheResilienceOptions"/> (<c>Cache:Resilience</c>) and a circuit breaker
    /// for the endpoints marked <see cref="RequireCache{TBuilder}"/>.
    /// </summary>
    /// <remarks>
    /// Without this a cache outage cost every request the library's 5 s timeout: commands queued while disconnected
    /// and waited it out. Now a command fails at once while the connection is down (<see cref="BacklogPolicy.FailFast"/>),
    /// an unanswered one after <see cref="CacheResilienceOptions.CommandTimeout"/>, and once a few requests have failed
    /// the breaker refuses the rest immediately, with 503 and <c>Retry-After</c>. StackExchange.Redis keeps reconnecting
    /// in the background and the breaker probes again after its break, so service resumes without a restart.
    /// </remarks>
    public static TBuilder AddCacheClient<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<CacheResilienceOptions>()
            .BindConfiguration(CacheResilienceOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxReconnectDelay >= o.ReconnectDelay,
                $"{CacheResilienceOptions.SectionName}:{nameof(CacheResilienceOptions.MaxReconnectDelay)} must not be shorter than {nameof(CacheResilienceOptions.ReconnectDelay)}.")
            .Validate(o => o.SamplingDuration >= o.BreakDuration,
                $"{CacheResilienceOptions.SectionName}:{nameof(CacheResilienceOptions.SamplingDuration)} must not be shorter than {nameof(CacheResilienceOptions.BreakDuration)}, or failures before a break are forgotten during it.")
            .ValidateOnStart();

        // Registers IConnectionMultiplexer, its readiness check and Redis tracing.
        builder.AddRedisClient(connectionName);

        // Runs after Aspire's own configuration of the options (connection string, Aspire:StackExchange:Redis), so these win.
        builder.Services.AddOptions<ConfigurationOptions>()
            .Configure<IOptions<CacheResilienceOptions>>((redis, resilience) => ApplyCacheResilience(redis, resilience.Value));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<CacheCircuitBreaker>();
        return builder;
    }

    /// <summary>The StackExchange.Redis settings that make a cache outage fail fast instead of waiting.</summary>
    public static void ApplyCacheResilience(ConfigurationOptions redis, CacheResilienceOptions resilience)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(resilience);

        // Start (and stay up) with the cache down: the multiplexer keeps reconnecting in the background.
        redis.AbortOnConnectFail = false;
        // While disconnected, fail each command at once rather than queueing it until the timeout.
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ConnectTimeout = Milliseconds(resilience.ConnectTimeout);
        redis.AsyncTimeout = Milliseconds(resilience.CommandTimeout);
        redis.SyncTimeout = Milliseconds(resilience.CommandTimeout);
        redis.ReconnectRetryPolicy = new ExponentialRetry(Milliseconds(resilience.ReconnectDelay), Milliseconds(resilience.MaxReconnectDelay));
    }

    /// <summary>
    /// Marks endpoints (or a group) that cannot work without the cache: their handlers run through the cache circuit
    /// breaker, and while it is open they are refused with 503 problem details and <c>Retry-After</c>. Needs
    /// <see cref="AddCacheClient{TBuilder}"/>.
    /// </summary>
    public static TBuilder RequireCache<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RequiresCacheMetadata.Instance).AddEndpointFilter(new CacheCircuitFilter());

    /// <summary>
    /// A handler that answers a cache failure itself (or an exception handler that does) reports it here: the breaker
    /// counts it as a failure, and a response not yet started gets <c>Retry-After</c> (the breaker's break duration).
    /// </summary>
    public static ValueTask ReportCacheFailureAsync(this HttpContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Response.HasStarted && context.RequestServices.GetService<CacheCircuitBreaker>() is { } breaker)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(breaker.BreakDuration).ToString(CultureInfo.InvariantCulture);
        }

        return context.Features.Get<CacheFailureFeature>()?.ReportAsync(exception) ?? ValueTask.CompletedTask;
    }

    /// <summary>Whole seconds for <c>Retry-After</c>, rounded up, at least 1.</summary>
    internal static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static int Milliseconds(TimeSpan value) => (int)Math.Ceiling(value.TotalMilliseconds);
}

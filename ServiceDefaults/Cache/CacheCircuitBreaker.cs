using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace LlmReference.ServiceDefaults.Cache;

/// <summary>
/// One Polly circuit breaker per service in front of everything that needs the cache. The handlers of endpoints marked
/// with <c>RequireCache()</c> run through it (<see cref="CacheCircuitFilter"/>); a request counts as failed when
/// a cache connection error or timeout escaped its handler, or when the handler reported one it turned into an answer
/// (<see cref="CacheFailureFeature"/>). While open, requests are refused at once without calling the cache; after
/// <see cref="CacheResilienceOptions.BreakDuration"/> one request probes it, and a success closes the breaker.
/// </summary>
public sealed class CacheCircuitBreaker
{
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();

    public CacheCircuitBreaker(IOptions<CacheResilienceOptions> options, TimeProvider time, IMeterFactory meterFactory, ILogger<CacheCircuitBreaker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        BreakDuration = settings.BreakDuration;
        Metrics = new CacheMetrics(meterFactory, () => _state.CircuitState);

        // The pipeline's clock is the service's TimeProvider, so tests move the break duration on without waiting.
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = _state,
                ShouldHandle = args => ValueTask.FromResult(
                    IsCacheFailure(args.Outcome.Exception) || args.Outcome.Result is CacheCall { FailureReported: true }),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                    Metrics.RecordTransition(CircuitState.Open);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    Log.CircuitHalfOpened(logger);
                    Metrics.RecordTransition(CircuitState.HalfOpen);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(logger);
                    Metrics.RecordTransition(CircuitState.Closed);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>How long the breaker stays open; also the <c>Retry-After</c> of a cache failure's 503.</summary>
    public TimeSpan BreakDuration { get; }

    /// <summary>The breaker's state now.</summary>
    public CircuitState State => _state.CircuitState;

    internal CacheMetrics Metrics { get; }

    /// <summary>
    /// Connection failures and timeouts are outages; a server error (<c>WRONGTYPE</c>, a script error) is an answer,
    /// so it does not open the breaker. StackExchange.Redis's timeout is a <see cref="TimeoutException"/>, not a
    /// <see cref="RedisException"/>.
    /// </summary>
    public static bool IsCacheFailure(Exception? exception) =>
        exception is RedisConnectionException or RedisTimeoutException;

    /// <summary>
    /// Runs <paramref name="request"/> through the breaker. The outcome is <see cref="BrokenCircuitException"/> when the
    /// breaker refused it (the request did not run), the request's own exception, or its result.
    /// </summary>
    internal async ValueTask<Outcome<CacheCall>> ExecuteAsync<TState>(
        Func<TState, ValueTask<CacheCall>> request, TState state, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.ExecuteOutcomeAsync(
                static async (_, s) =>
                {
                    try
                    {
                        return Outcome.FromResult(await s.request(s.state).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<CacheCall>(ex);
                    }
                },
                context,
                (request, state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Counts a cache failure met outside a <c>RequireCache()</c> endpoint's handler (e.g. by a middleware that checks a
    /// limit in the cache before the endpoint runs), so the breaker opens on it like on the handlers' own.
    /// </summary>
    public ValueTask ReportFailureAsync(Exception exception) => RecordFailureAsync(exception);

    /// <summary>Counts a cache failure that happened after its request's outcome was counted (a streamed body).</summary>
    internal async ValueTask RecordFailureAsync(Exception exception) =>
        await ExecuteAsync(static e => ValueTask.FromResult(new CacheCall(null, FailureReported: true)), exception, CancellationToken.None)
            .ConfigureAwait(false);

    private static string Describe(Outcome<object> outcome) =>
        outcome.Exception?.GetBaseException().Message ?? "a request reported a cache failure";
}

/// <summary>A handler's result, and whether it reported a cache failure it answered itself (<see cref="CacheFailureFeature"/>).</summary>
internal readonly record struct CacheCall(object? Result, bool FailureReported);

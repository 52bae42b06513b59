using System.Diagnostics.Metrics;
using LlmReference.ModelServer.Telemetry;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Faults;

/// <summary>
/// The run-time fault switches of this deployment. Modes combine (e.g. latency and errors at once); each may expire on
/// its own; <see cref="Heal"/> clears them all and releases streams stalled by slow-stream. The state is exported as the
/// <c>model_server.fault.active</c> gauge.
/// </summary>
internal sealed class FaultController
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FaultController> _logger;
    private readonly string _deployment;
    private LatencyFault? _latency;
    private ErrorFault? _errors;
    private OutageFault? _outage;
    private RateLimitFault? _rateLimit;
    private SlowStreamFault? _slowStream;
    private CancellationTokenSource _healed = new();

    public FaultController(TimeProvider timeProvider, ModelServerMetrics metrics, IOptions<ModelServerOptions> options, ILogger<FaultController> logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _deployment = options.Value.Deployment;
        metrics.Meter.CreateObservableGauge(ModelServerTelemetry.Metrics.FaultActive, ObserveActive, "{fault}",
            "1 while the fault mode is switched on, 0 otherwise.");
    }

    /// <summary>Cancelled when the faults are healed, so that stalled streams resume.</summary>
    public CancellationToken HealedToken
    {
        get
        {
            lock (_gate)
            {
                return _healed.Token;
            }
        }
    }

    public FaultState Current
    {
        get
        {
            lock (_gate)
            {
                Expire();
                List<string> active = [];
                active.AddRange(new (object? Fault, string Mode)[]
                    {
                        (_latency, FaultMode.Latency), (_errors, FaultMode.Errors), (_outage, FaultMode.Outage),
                        (_rateLimit, FaultMode.RateLimit), (_slowStream, FaultMode.SlowStream),
                    }
                    .Where(f => f.Fault is not null)
                    .Select(f => f.Mode));
                return new FaultState(_deployment, active, _latency, _errors, _outage, _rateLimit, _slowStream);
            }
        }
    }

    /// <summary>Switches <paramref name="mode"/> on (replacing its previous settings); returns the new state.</summary>
    public FaultState Set(string mode, FaultParameters parameters)
    {
        var expiresAt = parameters.DurationSeconds is { } seconds ? _timeProvider.GetUtcNow().AddSeconds(seconds) : (DateTimeOffset?)null;
        lock (_gate)
        {
            switch (mode)
            {
                case FaultMode.Latency:
                    _latency = new LatencyFault(parameters.AddedMs ?? 2000, expiresAt);
                    break;
                case FaultMode.Errors:
                    _errors = new ErrorFault(parameters.Rate ?? 0.5, parameters.StatusCode ?? StatusCodes.Status500InternalServerError, expiresAt);
                    break;
                case FaultMode.Outage:
                    _outage = new OutageFault(expiresAt);
                    break;
                case FaultMode.RateLimit:
                    _rateLimit = new RateLimitFault(parameters.RetryAfterSeconds ?? 10, parameters.Requests, expiresAt);
                    break;
                case FaultMode.SlowStream:
                    _slowStream = new SlowStreamFault(parameters.AfterTokens ?? 5, parameters.StallMs, expiresAt);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fault mode.");
            }
        }

        Log.FaultSet(_logger, _deployment, mode);
        return Current;
    }

    public FaultState Heal()
    {
        CancellationTokenSource healed;
        lock (_gate)
        {
            _latency = null;
            _errors = null;
            _outage = null;
            _rateLimit = null;
            _slowStream = null;
            healed = _healed;
            _healed = new CancellationTokenSource();
        }

        healed.Cancel();
        healed.Dispose();
        Log.FaultsHealed(_logger, _deployment);
        return Current;
    }

    /// <summary>Takes one request out of a 429 storm; the storm if this request must be rejected, else null.</summary>
    public RateLimitFault? ConsumeRateLimit()
    {
        lock (_gate)
        {
            Expire();
            if (_rateLimit is not { } storm)
            {
                return null;
            }

            if (storm.RemainingRequests is { } remaining)
            {
                _rateLimit = remaining <= 1 ? null : storm with { RemainingRequests = remaining - 1 };
            }

            return storm;
        }
    }

    private void Expire()
    {
        var now = _timeProvider.GetUtcNow();
        _latency = _latency?.ExpiresAt <= now ? null : _latency;
        _errors = _errors?.ExpiresAt <= now ? null : _errors;
        _outage = _outage?.ExpiresAt <= now ? null : _outage;
        _rateLimit = _rateLimit?.ExpiresAt <= now ? null : _rateLimit;
        _slowStream = _slowStream?.ExpiresAt <= now ? null : _slowStream;
    }

    private IEnumerable<Measurement<int>> ObserveActive()
    {
        var active = Current.Active;
        return FaultMode.All.Select(mode => new Measurement<int>(
            active.Contains(mode) ? 1 : 0,
            new KeyValuePair<string, object?>(ModelServerTelemetry.Attributes.FaultMode, mode),
            new KeyValuePair<string, object?>(ModelServerTelemetry.Attributes.Deployment, _deployment)));
    }
}

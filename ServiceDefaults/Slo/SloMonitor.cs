using System.Diagnostics.Metrics;
using System.Numerics;
using LlmReference.Slo;
using Microsoft.Extensions.Logging;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// Evaluates this service's SLOs in-process from the same instruments, and the same selectors, that Prometheus
/// evaluates from the scrape: a <see cref="MeterListener"/> counts good and total events into sliding windows, so
/// the burn rate and the budget left are visible (at <c>/slo</c>, as metrics, in the readiness check) without a
/// Prometheus server.
/// </summary>
/// <remarks>
/// Only instruments of this host are counted: those whose meter came from this host's <see cref="IMeterFactory"/>
/// (its scope), plus process-wide meters created without a factory, which the OpenTelemetry exporter sees too.
/// Only synchronous counters and histograms are counted; an observable instrument reports totals, not events.
/// </remarks>
public sealed class SloMonitor : IDisposable
{
    private readonly SloMonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object? _meterScope;
    private readonly long _started;
    private readonly (string Name, int Buckets)[] _windows;
    private readonly TrackedSlo[] _slos;
    private readonly MeterListener _listener = new();

    /// <param name="specs">The SLOs to evaluate (validated: see <see cref="SeriesBinding.Unsupported"/>).</param>
    /// <param name="meterScope">The host's <see cref="IMeterFactory"/>: meters from another host in the same process are ignored.</param>
    public SloMonitor(IReadOnlyList<SloSpec> specs, SloMonitoringOptions options, TimeProvider time, ILogger<SloMonitor> logger, object? meterScope)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _meterScope = meterScope;
        _started = time.GetTimestamp();
        _windows = [.. options.Windows.Select(w => (PrometheusDuration.Format(w), (int)Math.Ceiling(w / options.BucketSize)))];
        var ringBuckets = _windows.Max(w => w.Buckets);
        _slos = [.. specs.Select(s => new TrackedSlo(s, ringBuckets))];

        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
    }

    /// <summary>Starts counting: instruments that exist already, and every one created later.</summary>
    public void Start() => _listener.Start();

    /// <summary>
    /// Reads every SLO's windows and since-start totals now. Also notices an SLO starting or stopping a fast burn and
    /// logs that transition once, whichever reader (endpoint, health check, metric export) saw it first.
    /// </summary>
    public SloReport Evaluate()
    {
        var bucket = CurrentBucket();
        var results = new SloResult[_slos.Length];
        for (var i = 0; i < _slos.Length; i++)
        {
            results[i] = Evaluate(_slos[i], bucket);
        }

        return new SloReport(_options.Service, _time.GetUtcNow(), _options.FastBurnThreshold, _options.MinimumEvents, results);
    }

    public void Dispose() => _listener.Dispose();

    private SloResult Evaluate(TrackedSlo slo, long bucket)
    {
        var windows = new Dictionary<string, SloWindowResult>(_windows.Length, StringComparer.Ordinal);
        foreach (var (name, buckets) in _windows)
        {
            // Good is read before total, and a measurement adds to total before good (see OnInstrumentPublished),
            // so a concurrent measurement never shows up as more good than total events.
            var good = slo.Good.Sum(bucket, buckets);
            var total = slo.Total.Sum(bucket, buckets);
            windows[name] = Window(good, total, slo.ErrorBudget);
        }

        var goodSinceStart = slo.Good.SinceStart;
        var totalSinceStart = slo.Total.SinceStart;
        var remaining = totalSinceStart > 0 ? 1 - (Bad(goodSinceStart, totalSinceStart) / totalSinceStart / slo.ErrorBudget) : 1;

        var (shortWindow, longWindow) = (windows[_windows[0].Name], windows[_windows[^1].Name]);
        var threshold = _options.FastBurnThreshold;
        var status = shortWindow.BurnRate is null ? SloStatus.InsufficientData
            : shortWindow.BurnRate > threshold && longWindow.BurnRate > threshold ? SloStatus.FastBurn
            : SloStatus.Ok;
        if (slo.SetFastBurning(status == SloStatus.FastBurn) is { } started)
        {
            if (started)
            {
                Log.FastBurnStarted(_logger, slo.Spec.Name, shortWindow.BurnRate!.Value, _windows[0].Name, longWindow.BurnRate!.Value, _windows[^1].Name, threshold, slo.Spec.AlertName);
            }
            else
            {
                Log.FastBurnStopped(_logger, slo.Spec.Name, shortWindow.BurnRate, _windows[0].Name, threshold);
            }
        }

        var spec = slo.Spec;
        return new SloResult(spec.Name, spec.DisplayName, spec.Service, spec.Objective, slo.ErrorBudget, status, windows,
            new SloSinceStart(goodSinceStart, totalSinceStart, remaining));
    }

    private SloWindowResult Window(double good, double total, double errorBudget)
    {
        if (total <= 0)
        {
            return new SloWindowResult(good, total, ErrorRatio: null, BurnRate: null);
        }

        var errorRatio = Bad(good, total) / total;
        return new SloWindowResult(good, total, errorRatio, total >= _options.MinimumEvents ? errorRatio / errorBudget : null);
    }

    // Inconsistent selectors (good not a subset of total) must not produce a negative error ratio.
    private static double Bad(double good, double total) => Math.Max(0, total - good);

    private long CurrentBucket() => _time.GetElapsedTime(_started).Ticks / _options.BucketSize.Ticks;

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, _meterScope))
        {
            return;
        }

        var bindings = new List<SeriesBinding>();
        foreach (var slo in _slos)
        {
            // Total before good: see Evaluate.
            foreach (var (role, selector, counter) in new[] { ("total", slo.Spec.Total, slo.Total), ("good", slo.Spec.Good, slo.Good) })
            {
                if (SeriesBinding.TryBind(selector, instrument, counter) is { } binding)
                {
                    bindings.Add(binding);
                    Log.SeriesBound(_logger, slo.Spec.Name, role, selector.ToString(), instrument.Meter.Name, instrument.Name);
                    if (binding.MissingBucket(instrument) is { } bounds)
                    {
                        Log.BucketBoundMissing(_logger, slo.Spec.Name, selector.ToString(), instrument.Name, string.Join(", ", bounds));
                    }
                }
            }
        }

        if (bindings.Count > 0)
        {
            listener.EnableMeasurementEvents(instrument, new Subscription([.. bindings], this));
        }
    }

    private static void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct, INumberBase<T> =>
        ((Subscription)state!).Record(double.CreateSaturating(value), tags);

    /// <summary>The bindings of one instrument, handed to the listener as its measurement state.</summary>
    private sealed class Subscription(SeriesBinding[] bindings, SloMonitor monitor)
    {
        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            long? bucket = null;
            foreach (var binding in bindings)
            {
                var increment = binding.Increment(value, tags);
                if (increment > 0)
                {
                    binding.Counter.Add(increment, bucket ??= monitor.CurrentBucket());
                }
            }
        }
    }

    private sealed class TrackedSlo(SloSpec spec, int buckets)
    {
        private int _fastBurning;

        public SloSpec Spec { get; } = spec;

        // Rounded so that 1 - 0.999 is 0.001, not 0.0010000000000000009, in burn rates and JSON.
        public double ErrorBudget { get; } = Math.Round(spec.ErrorBudget, 12);

        public SlidingCounter Good { get; } = new(buckets);

        public SlidingCounter Total { get; } = new(buckets);

        /// <returns>True when a fast burn starts, false when one stops, null when nothing changed.</returns>
        public bool? SetFastBurning(bool burning)
        {
            var value = burning ? 1 : 0;
            return Interlocked.Exchange(ref _fastBurning, value) == value ? null : burning;
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmReference.FraudService.Scoring;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// Computes the monitoring figures for the serving model from the shared windows in the cache, and keeps the latest
/// report for the metric callbacks (which must not do I/O) and the health check.
/// </summary>
public sealed class MonitoringService
{
    private readonly IFraudModel _model;
    private readonly LabelWindow _labels;
    private readonly ScoredWindow _scored;
    private readonly Lazy<ReferenceProfile> _reference;
    private readonly MonitoringOptions _options;
    private readonly TimeProvider _time;
    private volatile MonitoringReport? _latest;

    public MonitoringService(
        IFraudModel model,
        LabelWindow labels,
        ScoredWindow scored,
        IOptions<MonitoringOptions> options,
        IOptions<ScoringOptions> scoring,
        TimeProvider time,
        IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _model = model;
        _labels = labels;
        _scored = scored;
        _options = options.Value;
        _time = time;
        _reference = new Lazy<ReferenceProfile>(() =>
            model.Reference ?? ReferenceProfile.Simulate(model, scoring.Value, _options.ReferenceSeed, _options.ReferenceSampleSize));

        // IMeterFactory hands back the service's one Meter for this name.
        MonitoringMetrics.Register(meterFactory.Create(FraudTelemetry.Name), this);
    }

    /// <summary>The last computed report, or null before the first refresh.</summary>
    public MonitoringReport? Latest => _latest;

    public string ModelVersion => _model.Version;

    public ReferenceProfile Reference => _reference.Value;

    public async Task<MonitoringReport> RefreshAsync()
    {
        using var activity = FraudTelemetry.ActivitySource.StartActivity(FraudTelemetry.Spans.MonitoringRefresh);
        ConfusionMatrix matrix;
        double[][] columns;
        try
        {
            matrix = await _labels.GetAsync(_model.Version).ConfigureAwait(false);
            columns = await _scored.GetAsync(_model.Version).ConfigureAwait(false);
        }
        catch (Exception ex) when (activity is not null)
        {
            // A failed refresh is the one kind that is traced (a background span, see FraudServiceExtensions).
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity.AddException(ex);
            throw;
        }

        var report = new MonitoringReport(
            _model.Version,
            LabelMonitoring.From(matrix, _labels.Size, _options),
            Drift(columns),
            _time.GetUtcNow());
        _latest = report;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(FraudTelemetry.Attributes.ModelVersion, report.ModelVersion);
            activity.SetTag(FraudTelemetry.Attributes.DriftStatus, report.Drift.Status.ToString());
        }

        return report;
    }

    private DriftMonitoring Drift(double[][] columns)
    {
        var reference = Reference;
        var count = columns.Length == 0 ? 0 : columns[0].Length;
        if (count < _options.MinScoredForDrift)
        {
            return new DriftMonitoring(_scored.Size, count, DriftStatus.InsufficientData, null, null, null, reference.SampleSize);
        }

        var psi = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < DriftFeature.All.Count && count > 0; i++)
        {
            var expected = reference.Features[DriftFeature.All[i].Name];
            psi[DriftFeature.All[i].Name] = Math.Round(expected.Psi(expected.Count(columns[i])), 6);
        }

        if (psi.Count == 0)
        {
            return new DriftMonitoring(_scored.Size, count, DriftStatus.InsufficientData, null, null, null, reference.SampleSize);
        }

        var max = psi.MaxBy(p => p.Value);
        var status = max.Value >= _options.PsiActThreshold ? DriftStatus.Act
            : max.Value >= _options.PsiWatchThreshold ? DriftStatus.Watch
            : DriftStatus.Stable;
        return new DriftMonitoring(_scored.Size, count, status, max.Key, max.Value, psi, reference.SampleSize);
    }
}

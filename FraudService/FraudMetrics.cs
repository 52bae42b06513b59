using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmReference.FraudService.Labels;
using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService;

/// <summary>The service's instruments, created from <see cref="IMeterFactory"/> under <see cref="FraudTelemetry.Name"/>.</summary>
public sealed class FraudMetrics
{
    private readonly Counter<long> _scored;
    private readonly Histogram<double> _score;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _labels;
    private readonly Counter<long> _precisionChecks;

    public FraudMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(FraudTelemetry.Name);
        _scored = meter.CreateCounter<long>(
            FraudTelemetry.Metrics.TransactionsScored, unit: "{transaction}", description: "Transactions scored, by decision and model version.");
        _score = meter.CreateHistogram<double>(
            FraudTelemetry.Metrics.Score, unit: "1", description: "Fraud score (0..1) of scored transactions.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95] });
        _duration = meter.CreateHistogram<double>(
            FraudTelemetry.Metrics.ScoringDuration, unit: "s", description: "Time to score one transaction, feature lookup and storage included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        _labels = meter.CreateCounter<long>(
            FraudTelemetry.Metrics.LabelsReceived, unit: "{label}", description: "Labels received, by outcome (accepted, duplicate, conflict, unknown).");
        _precisionChecks = meter.CreateCounter<long>(
            FraudTelemetry.Metrics.PrecisionChecks, unit: "{check}",
            description: "Periodic checks of realized precision over the label window against its floor, by result (met or missed): the model-quality SLI.");
    }

    public void RecordLabel(LabelStatus status, string? modelVersion) =>
        _labels.Add(1,
            new KeyValuePair<string, object?>(FraudTelemetry.Attributes.LabelStatus, status.ToWireName()),
            new KeyValuePair<string, object?>(FraudTelemetry.Attributes.ModelVersion, modelVersion));

    /// <summary>One periodic model-quality check: was realized precision at or above the floor?</summary>
    public void RecordPrecisionCheck(bool met, string modelVersion) =>
        _precisionChecks.Add(1,
            new KeyValuePair<string, object?>(FraudTelemetry.Attributes.PrecisionResult, met ? "met" : "missed"),
            new KeyValuePair<string, object?>(FraudTelemetry.Attributes.ModelVersion, modelVersion));

    public void RecordScored(Decision decision, string modelVersion, double score, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { FraudTelemetry.Attributes.Decision, decision.ToWireName() },
            { FraudTelemetry.Attributes.ModelVersion, modelVersion },
        };
        _scored.Add(1, tags);
        _score.Record(score, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}

using System.Diagnostics;

namespace LlmReference.FraudService;

/// <summary>
/// The service's telemetry names in one place. The ActivitySource and Meter share the application name, which
/// ServiceDefaults subscribes to (<c>AddSource(env.ApplicationName)</c> / <c>AddMeter(env.ApplicationName)</c>).
/// </summary>
public static class FraudTelemetry
{
    /// <summary>Name of the ActivitySource and the Meter: the application (assembly) name.</summary>
    public const string Name = "FraudService";

    /// <summary>The service's only ActivitySource.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Span names.</summary>
    public static class Spans
    {
        public const string Score = "fraud.score";
        public const string Label = "fraud.label";
        public const string MonitoringRefresh = "fraud.monitoring.refresh";
    }

    /// <summary>Instrument names (OpenTelemetry style: dotted, lower case, unit in the instrument, not the name).</summary>
    public static class Metrics
    {
        public const string TransactionsScored = "fraud.transactions.scored";
        public const string Score = "fraud.score";
        public const string ScoringDuration = "fraud.scoring.duration";
        public const string LabelsReceived = "fraud.labels.received";
        public const string Precision = "fraud.monitoring.precision";
        public const string Recall = "fraud.monitoring.recall";
        public const string FalsePositiveRate = "fraud.monitoring.false_positive_rate";
        public const string AlertRate = "fraud.monitoring.alert_rate";
        public const string LabelledTransactions = "fraud.monitoring.labelled_transactions";
        public const string ErrorCost = "fraud.monitoring.error_cost";
        public const string Psi = "fraud.monitoring.psi";

        /// <summary>Counter of periodic precision checks by <see cref="Attributes.PrecisionResult"/>: the fraud-model-precision SLI (slo/fraud.yaml).</summary>
        public const string PrecisionChecks = "fraud.monitoring.precision_checks";
    }

    /// <summary>Attribute (tag) names shared by spans and metrics.</summary>
    public static class Attributes
    {
        public const string Decision = "fraud.decision";
        public const string ModelVersion = "fraud.model.version";
        public const string TransactionId = "fraud.transaction.id";
        public const string Score = "fraud.score";
        public const string MerchantCategory = "fraud.merchant.category";
        public const string Replayed = "fraud.replayed";
        public const string LabelStatus = "fraud.label.status";
        public const string DriftStatus = "fraud.drift.status";

        /// <summary><c>met</c> or <c>missed</c>: whether realized precision was at or above its floor in a check.</summary>
        public const string PrecisionResult = "fraud.precision.result";

        /// <summary>Which watched quantity a PSI is for (<c>score</c>, <c>amountUsd</c>, ...).</summary>
        public const string Feature = "fraud.feature";

        /// <summary>Confusion-matrix cell: <c>true_positive</c>, <c>false_positive</c>, <c>true_negative</c>, <c>false_negative</c>.</summary>
        public const string Outcome = "fraud.outcome";

        /// <summary>Kind of error a cost comes from: <c>false_positive</c> or <c>missed_fraud</c>.</summary>
        public const string ErrorType = "fraud.error.type";
    }
}

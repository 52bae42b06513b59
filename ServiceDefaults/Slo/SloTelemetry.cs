namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// Names of the in-process SLO metrics, on one meter shared by every service. Exported to Prometheus as
/// <c>slo_burn_rate{slo,window}</c> and <c>slo_error_budget_remaining{slo}</c> (unit <c>1</c> adds no suffix).
/// </summary>
public static class SloTelemetry
{
    /// <summary>The meter ServiceDefaults subscribes to (ConfigureOpenTelemetry).</summary>
    public const string MeterName = "LlmReference.Slo";

    /// <summary>Gauge: error ratio over a window divided by the error budget, per <see cref="Tags.Slo"/> and <see cref="Tags.Window"/>.</summary>
    public const string BurnRate = "slo.burn_rate";

    /// <summary>Gauge: share of the error budget left over the events since the process started (negative when overspent).</summary>
    public const string ErrorBudgetRemaining = "slo.error_budget.remaining";

    public static class Tags
    {
        /// <summary>The SLO's <c>metadata.name</c>, as in the generated Prometheus rules' <c>slo</c> label.</summary>
        public const string Slo = "slo";

        /// <summary>The window as a Prometheus duration, e.g. <c>5m</c>.</summary>
        public const string Window = "window";
    }
}

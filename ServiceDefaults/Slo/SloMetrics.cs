using System.Diagnostics.Metrics;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// Observable gauges of <see cref="SloMonitor"/>'s evaluation, so the burn rate and budget are charts in the Aspire
/// dashboard (OTLP) and series in Prometheus (scrape) next to the rules' own.
/// </summary>
internal sealed class SloMetrics
{
    public SloMetrics(IMeterFactory meterFactory, SloMonitor monitor)
    {
        var meter = meterFactory.Create(SloTelemetry.MeterName);
        meter.CreateObservableGauge(SloTelemetry.BurnRate, () => BurnRates(monitor.Evaluate()), unit: "1",
            description: "Error ratio over the window divided by the error budget; absent while the window has too few events.");
        meter.CreateObservableGauge(SloTelemetry.ErrorBudgetRemaining, () => BudgetRemaining(monitor.Evaluate()), unit: "1",
            description: "Share of the error budget left over the events since the service started; negative when overspent.");
    }

    // A window without enough events has no burn rate: no point rather than a misleading zero.
    private static IEnumerable<Measurement<double>> BurnRates(SloReport report) =>
        from slo in report.Slos
        from window in slo.Windows
        where window.Value.BurnRate is not null
        select new Measurement<double>(window.Value.BurnRate!.Value,
            new(SloTelemetry.Tags.Slo, slo.Name), new(SloTelemetry.Tags.Window, window.Key));

    private static IEnumerable<Measurement<double>> BudgetRemaining(SloReport report) =>
        report.Slos.Select(slo => new Measurement<double>(slo.SinceStart.ErrorBudgetRemaining, new KeyValuePair<string, object?>(SloTelemetry.Tags.Slo, slo.Name)));
}

using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Monitoring;

/// <summary>Recomputes the monitoring report every <see cref="MonitoringOptions.RefreshInterval"/> so the gauges and the health check stay current.</summary>
public sealed class MonitoringRefresher(
    MonitoringService monitoring,
    FraudMetrics metrics,
    IOptions<MonitoringOptions> options,
    TimeProvider time,
    ILogger<MonitoringRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.ServingModel(logger, monitoring.ModelVersion);
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            try
            {
                var report = await monitoring.RefreshAsync().ConfigureAwait(false);
                CheckPrecision(report);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cache may be briefly away; the previous report stays until the next refresh succeeds.
                Log.RefreshFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    // The model-quality SLI: one check per refresh once the window holds enough labels to say something.
    private void CheckPrecision(MonitoringReport report)
    {
        var o = options.Value;
        if (report.Labels is { Precision: { } precision } labels && labels.Count >= o.MinLabelsForHealth)
        {
            metrics.RecordPrecisionCheck(precision >= o.MinPrecision, report.ModelVersion);
        }
    }
}

namespace LlmReference.FraudService.Monitoring;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "MonitoringRefreshFailed", Level = LogLevel.Warning,
        Message = "Could not refresh the monitoring figures; keeping the previous ones")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3002, EventName = "ServingModel", Level = LogLevel.Information,
        Message = "Serving fraud model {ModelVersion}; monitoring its label and drift windows")]
    public static partial void ServingModel(ILogger logger, string modelVersion);
}

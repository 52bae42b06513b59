namespace LlmReference.ModelServer.Faults;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "FaultSet", Level = LogLevel.Warning, Message = "Fault '{Mode}' switched on for deployment {Deployment}")]
    public static partial void FaultSet(ILogger logger, string deployment, string mode);

    [LoggerMessage(EventId = 3002, EventName = "FaultsHealed", Level = LogLevel.Information, Message = "All faults healed on deployment {Deployment}")]
    public static partial void FaultsHealed(ILogger logger, string deployment);

    [LoggerMessage(EventId = 3003, EventName = "FaultInjected", Level = LogLevel.Debug, Message = "Fault '{Mode}' injected into {Path}")]
    public static partial void FaultInjected(ILogger logger, string mode, string path);
}

namespace LlmReference.FraudService.Simulation;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, EventName = "SimulationStarted", Level = LogLevel.Information, Message = "Simulated traffic started ({Profile})")]
    public static partial void SimulationStarted(ILogger logger, TrafficProfile profile);

    [LoggerMessage(EventId = 4002, EventName = "SimulationStopped", Level = LogLevel.Information, Message = "Simulated traffic stopped")]
    public static partial void SimulationStopped(ILogger logger);

    [LoggerMessage(EventId = 4003, EventName = "SimulationTickFailed", Level = LogLevel.Warning, Message = "Simulated traffic tick failed; continuing")]
    public static partial void SimulationTickFailed(ILogger logger, Exception exception);
}

namespace LlmReference.ChatApi.Sessions;

internal static partial class Log
{
    [LoggerMessage(EventId = 200, EventName = "HistoryTrimmed", Level = LogLevel.Debug,
        Message = "Dropped {DroppedTurns} old turns from session {SessionId} (max {MaxTurns})")]
    public static partial void HistoryTrimmed(ILogger logger, string sessionId, int droppedTurns, int maxTurns);

    [LoggerMessage(EventId = 201, EventName = "ConcurrentWriteRetried", Level = LogLevel.Debug,
        Message = "Session {SessionId} changed during write attempt {Attempt}; appending to the newer history")]
    public static partial void ConcurrentWriteRetried(ILogger logger, string sessionId, int attempt);
}

using Microsoft.Extensions.Logging;

namespace LlmReference.ServiceDefaults.Admin;

internal static partial class Log
{
    [LoggerMessage(EventId = 9300, EventName = "AdminDisabled", Level = LogLevel.Warning, Message = "Admin call to {Path} refused: no admin key is configured")]
    public static partial void AdminDisabled(ILogger logger, string path);

    [LoggerMessage(EventId = 9301, EventName = "AdminKeyRejected", Level = LogLevel.Warning, Message = "Admin call to {Path} refused: key missing={Missing} or wrong")]
    public static partial void AdminKeyRejected(ILogger logger, string path, bool missing);
}

using StackExchange.Redis;

namespace LlmReference.ChatApi;

/// <summary>
/// Opens the Redis connection at start rather than on the first request: a handshake that arrives together with a
/// burst of queued commands can stall (seen with Garnet), and the first customers should not pay for the connect.
/// A failure here is only logged; requests report an unavailable store themselves and the health check shows it.
/// </summary>
internal sealed partial class RedisWarmUp(IConnectionMultiplexer redis, ILogger<RedisWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
        }
        catch (RedisException ex)
        {
            WarmUpFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 10, EventName = "RedisWarmUpFailed", Level = LogLevel.Warning, Message = "Could not reach Redis at start")]
    private static partial void WarmUpFailed(ILogger logger, Exception exception);
}

using StackExchange.Redis;

namespace LlmReference.ChatApi;

/// <summary>
/// Opens the Redis connection at start rather than on the first request: a handshake that arrives together with a
/// burst of queued commands can stall (seen with Garnet), and the first customers should not pay for the connect.
/// It also runs one transaction and one script, the two shapes every request uses (the shared rate limit is a
/// MULTI/EXEC, a turn's reads and writes are scripts): their first run on a cold client and server took 0.5-2 s on a
/// loaded 2-core machine, past the 1 s command timeout, so a first request answered 503.
/// A failure here is only logged; requests report an unavailable store themselves and the health check shows it.
/// </summary>
internal sealed partial class RedisWarmUp(IConnectionMultiplexer redis, ILogger<RedisWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var database = redis.GetDatabase();
            await database.PingAsync();
            var transaction = database.CreateTransaction();
            _ = transaction.KeyExistsAsync(WarmUpKey);
            await transaction.ExecuteAsync();
            await database.ScriptEvaluateAsync("return redis.call('EXISTS', KEYS[1])", [WarmUpKey]);
        }
        catch (RedisException ex)
        {
            WarmUpFailed(logger, ex);
        }
    }

    private const string WarmUpKey = "chat:warm-up";

    [LoggerMessage(EventId = 10, EventName = "RedisWarmUpFailed", Level = LogLevel.Warning, Message = "Could not reach Redis at start")]
    private static partial void WarmUpFailed(ILogger logger, Exception exception);
}

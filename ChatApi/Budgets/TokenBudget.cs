using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Budgets;

/// <summary>
/// Per-user tokens-per-minute and daily budgets in Redis. A call first reserves its estimate with INCRBY on both
/// counters in one MULTI/EXEC; if either total is then over its limit the reservation is taken back and the call is
/// refused. Because every increment is atomic and checked after the fact, concurrent requests (on any instance)
/// can never spend past a limit together; at worst two racing requests are both refused near the edge.
/// After the call the reservation is corrected to the model's reported usage (or returned if the call failed).
/// </summary>
public sealed class TokenBudget(
    IConnectionMultiplexer redis,
    IOptionsMonitor<TokenBudgetOptions> options,
    TimeProvider time,
    ChatApiMetrics metrics,
    ILogger<TokenBudget> logger)
{
    public const string KeyPrefix = "chat:budget:";

    public static RedisKey MinuteKey(string userId, long minute) => $"{KeyPrefix}{userId}:m:{minute.ToString(CultureInfo.InvariantCulture)}";

    public static RedisKey DayKey(string userId, DateOnly day) => $"{KeyPrefix}{userId}:d:{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>Reserves <paramref name="tokens"/> or throws <see cref="BudgetExceededException"/>.</summary>
    public async Task<(BudgetReservation Reservation, BudgetStatus Status)> ReserveAsync(string userId, long tokens)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return (BudgetReservation.None(userId), new BudgetStatus(long.MaxValue, long.MaxValue));
        }

        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var (minuteTotal, dayTotal) = await AddAsync(userId, minute, day, tokens);

        var minuteOver = minuteTotal > settings.TokensPerMinute;
        var dayOver = dayTotal > settings.TokensPerDay;
        if (minuteOver || dayOver)
        {
            (minuteTotal, dayTotal) = await AddAsync(userId, minute, day, -tokens);
            var status = Status(settings, minuteTotal, dayTotal);
            var limit = dayOver ? "day" : "minute";
            var retryAfter = dayOver
                ? now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime
                : DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60) - now;
            metrics.RecordBudgetRejection(limit);
            Log.BudgetExceeded(logger, userId, limit, tokens, status.RemainingThisMinute, status.RemainingToday);
            throw new BudgetExceededException(limit, tokens, status, retryAfter);
        }

        return (new BudgetReservation(userId, tokens, minute, day), Status(settings, minuteTotal, dayTotal));
    }

    /// <summary>Replaces the reservation with what the call really used.</summary>
    public async Task<BudgetStatus> ChargeAsync(BudgetReservation reservation, long actualTokens)
    {
        var settings = options.CurrentValue;
        if (reservation.Tokens == 0 && !settings.Enabled)
        {
            return new BudgetStatus(long.MaxValue, long.MaxValue);
        }

        var (minuteTotal, dayTotal) = await AddAsync(reservation.UserId, reservation.MinuteWindow, reservation.Day, actualTokens - reservation.Tokens);
        return Status(settings, minuteTotal, dayTotal);
    }

    /// <summary>Returns a reservation whose call never reached the model.</summary>
    public Task ReleaseAsync(BudgetReservation reservation) =>
        reservation.Tokens == 0 ? Task.CompletedTask : AddAsync(reservation.UserId, reservation.MinuteWindow, reservation.Day, -reservation.Tokens);

    private async Task<(long Minute, long Day)> AddAsync(string userId, long minute, DateOnly day, long tokens)
    {
        var minuteKey = MinuteKey(userId, minute);
        var dayKey = DayKey(userId, day);
        var transaction = redis.GetDatabase().CreateTransaction();
        var minuteTotal = transaction.StringIncrementAsync(minuteKey, tokens);
        var dayTotal = transaction.StringIncrementAsync(dayKey, tokens);

        // Counters outlive their window a little so late corrections still find them, then disappear.
        _ = transaction.KeyExpireAsync(minuteKey, TimeSpan.FromMinutes(2));
        _ = transaction.KeyExpireAsync(dayKey, TimeSpan.FromDays(2));
        await transaction.ExecuteAsync();
        return (await minuteTotal, await dayTotal);
    }

    private static BudgetStatus Status(TokenBudgetOptions settings, long minuteTotal, long dayTotal) =>
        new(Math.Max(0, settings.TokensPerMinute - minuteTotal), Math.Max(0, settings.TokensPerDay - dayTotal));
}

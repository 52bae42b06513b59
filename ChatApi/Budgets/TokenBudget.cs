using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Budgets;

/// <summary>
/// Per-user tokens-per-minute and daily budgets in Redis. A reservation is one Lua script (<see cref="ReserveLua"/>)
/// that adds the estimate to both counters only if both stay within their limits, and otherwise changes nothing and
/// refuses: concurrent requests (on any instance) can never spend past a limit together. After the call the
/// reservation is corrected to the model's reported usage (or returned if the call failed). A chat turn runs the same
/// reservation inside its opening script and the correction inside its closing one (<see cref="Chat.ChatTurnStore"/>).
/// </summary>
public sealed class TokenBudget(
    IConnectionMultiplexer redis,
    IOptionsMonitor<TokenBudgetOptions> options,
    TimeProvider time,
    ChatApiMetrics metrics,
    ILogger<TokenBudget> logger)
{
    public const string KeyPrefix = "chat:budget:";

    /// <summary>Counters outlive their window a little so late corrections still find them, then disappear.</summary>
    public static readonly TimeSpan MinuteTtl = TimeSpan.FromMinutes(2);

    /// <inheritdoc cref="MinuteTtl"/>
    public static readonly TimeSpan DayTtl = TimeSpan.FromDays(2);

    /// <summary>
    /// Lua: <c>reserve(minute_key, day_key, tokens, per_minute, per_day, minute_ttl_s, day_ttl_s)</c> returns
    /// <c>granted (1/0), minute total, day total</c>; a refusal leaves both counters as they were.
    /// </summary>
    public const string ReserveLua = """
        local function reserve(minute_key, day_key, tokens, per_minute, per_day, minute_ttl, day_ttl)
          local minute = tonumber(redis.call('GET', minute_key) or '0')
          local day = tonumber(redis.call('GET', day_key) or '0')
          if minute + tokens > per_minute or day + tokens > per_day then
            return 0, minute, day
          end
          minute = redis.call('INCRBY', minute_key, tokens)
          day = redis.call('INCRBY', day_key, tokens)
          redis.call('EXPIRE', minute_key, minute_ttl)
          redis.call('EXPIRE', day_key, day_ttl)
          return 1, minute, day
        end

        """;

    /// <summary>Lua: <c>add(minute_key, day_key, tokens, minute_ttl_s, day_ttl_s)</c> returns the new minute and day totals.</summary>
    public const string AddLua = """
        local function add(minute_key, day_key, tokens, minute_ttl, day_ttl)
          local minute = redis.call('INCRBY', minute_key, tokens)
          local day = redis.call('INCRBY', day_key, tokens)
          redis.call('EXPIRE', minute_key, minute_ttl)
          redis.call('EXPIRE', day_key, day_ttl)
          return minute, day
        end

        """;

    private const string ReserveScript = ReserveLua + """
        local granted, minute, day = reserve(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
        return { granted, minute, day }
        """;

    private const string AddScript = AddLua + """
        local minute, day = add(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))
        return { minute, day }
        """;

    // {userId} is a hash tag: all of one user's keys (budgets, sessions, answers) share a cluster slot, so one script
    // may touch them together.
    public static RedisKey MinuteKey(string userId, long minute) => $"{KeyPrefix}{{{userId}}}:m:{minute.ToString(CultureInfo.InvariantCulture)}";

    public static RedisKey DayKey(string userId, DateOnly day) => $"{KeyPrefix}{{{userId}}}:d:{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    public TokenBudgetOptions Settings => options.CurrentValue;

    /// <summary>The minute and day windows a reservation made now falls in.</summary>
    public BudgetWindow CurrentWindow()
    {
        var now = time.GetUtcNow();
        return new BudgetWindow(now, now.ToUnixTimeSeconds() / 60, DateOnly.FromDateTime(now.UtcDateTime));
    }

    /// <summary>The arguments <see cref="ReserveLua"/>'s limits and expiries take, after the token count.</summary>
    public RedisValue[] LimitArguments()
    {
        var settings = options.CurrentValue;
        return [settings.TokensPerMinute, settings.TokensPerDay, (long)MinuteTtl.TotalSeconds, (long)DayTtl.TotalSeconds];
    }

    /// <summary>Reserves <paramref name="tokens"/> or throws <see cref="BudgetExceededException"/>.</summary>
    public async Task<(BudgetReservation Reservation, BudgetStatus Status)> ReserveAsync(string userId, long tokens)
    {
        if (!options.CurrentValue.Enabled)
        {
            return (BudgetReservation.None(userId), Unlimited);
        }

        var window = CurrentWindow();
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            ReserveScript, [MinuteKey(userId, window.Minute), DayKey(userId, window.Day)], [tokens, .. LimitArguments()]))!;
        var decision = Decide(userId, window, tokens, (long)result[0] == 1, (long)result[1], (long)result[2]);
        return decision.Reservation is { } reservation ? (reservation, decision.Status) : throw Refuse(decision);
    }

    /// <summary>What a reservation script answered, as a reservation or a refusal (not yet counted: see <see cref="Refuse"/>).</summary>
    public TurnBudget Decide(string userId, BudgetWindow window, long tokens, bool granted, long minuteTotal, long dayTotal)
    {
        var settings = options.CurrentValue;
        var status = Status(minuteTotal, dayTotal);
        if (granted)
        {
            return new TurnBudget(userId, new BudgetReservation(userId, tokens, window.Minute, window.Day), status, null);
        }

        var dayOver = dayTotal + tokens > settings.TokensPerDay;
        var now = window.At;
        var retryAfter = dayOver
            ? now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime
            : DateTimeOffset.FromUnixTimeSeconds((window.Minute + 1) * 60) - now;
        return new TurnBudget(userId, null, status, new BudgetExceededException(dayOver ? "day" : "minute", tokens, status, retryAfter));
    }

    /// <summary>Counts and logs a refusal, and returns the exception to throw.</summary>
    public BudgetExceededException Refuse(TurnBudget decision)
    {
        var refusal = decision.Refusal ?? throw new InvalidOperationException("The reservation was granted.");
        metrics.RecordBudgetRejection(refusal.Limit);
        Log.BudgetExceeded(logger, decision.UserId, refusal.Limit, refusal.RequestedTokens, refusal.Status.RemainingThisMinute, refusal.Status.RemainingToday);
        return refusal;
    }

    /// <summary>Replaces the reservation with what the call really used.</summary>
    public async Task<BudgetStatus> ChargeAsync(BudgetReservation reservation, long actualTokens)
    {
        if (reservation.Tokens == 0 && !options.CurrentValue.Enabled)
        {
            return Unlimited;
        }

        var (minuteTotal, dayTotal) = await AddAsync(reservation, actualTokens - reservation.Tokens);
        return Status(minuteTotal, dayTotal);
    }

    /// <summary>Returns a reservation whose call never reached the model.</summary>
    public Task ReleaseAsync(BudgetReservation reservation) =>
        reservation.Tokens == 0 ? Task.CompletedTask : AddAsync(reservation, -reservation.Tokens);

    /// <summary>
    /// Settles a turn's reservation after the turn failed: charged what the call used if the model answered (the work
    /// was done), returned if it never did, left alone if it stands. A failure here must not hide why the turn failed.
    /// </summary>
    public async Task SettleAfterFailureAsync(TurnBudget held, Exception turnFailure)
    {
        if (held is not { Settled: false, Reservation: { Tokens: > 0 } reservation })
        {
            return;
        }

        held.Settled = true;
        try
        {
            await AddAsync(reservation, (held.UsedTokens ?? 0) - reservation.Tokens);
        }
        catch (RedisException ex)
        {
            Log.BudgetReleaseFailed(logger, reservation.UserId, reservation.Tokens, turnFailure.GetType().Name, ex);
        }
    }

    /// <summary>What is left, given the counters' totals.</summary>
    public BudgetStatus Status(long minuteTotal, long dayTotal)
    {
        var settings = options.CurrentValue;
        return new(Math.Max(0, settings.TokensPerMinute - minuteTotal), Math.Max(0, settings.TokensPerDay - dayTotal));
    }

    /// <summary>The status of budgets that are switched off.</summary>
    public static BudgetStatus Unlimited { get; } = new(long.MaxValue, long.MaxValue);

    private async Task<(long Minute, long Day)> AddAsync(BudgetReservation reservation, long tokens)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            AddScript,
            [MinuteKey(reservation.UserId, reservation.MinuteWindow), DayKey(reservation.UserId, reservation.Day)],
            [tokens, (long)MinuteTtl.TotalSeconds, (long)DayTtl.TotalSeconds]))!;
        return ((long)result[0], (long)result[1]);
    }
}

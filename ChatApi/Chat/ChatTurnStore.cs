using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Feedback;
using LlmReference.ChatApi.Sessions;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// A chat turn's Redis work in two round trips, each one Lua script over one user's keys (they share the
/// <c>{userId}</c> hash tag, so the scripts also run on a Redis Cluster):
/// <list type="bullet">
/// <item>before the model call (<see cref="BeginAsync"/>): read the session's history and its stored token count,
/// and reserve the budget for the prompt that history makes (<see cref="TokenBudget.ReserveLua"/>);</item>
/// <item>after it (<see cref="CompleteAsync"/>): store the history if nobody changed it meanwhile
/// (<see cref="ChatHistoryStore.WriteLua"/>), correct the reservation to the real usage
/// (<see cref="TokenBudget.AddLua"/>) and record the answer for feedback; writes the stages left in the turn's context
/// (the response cache's) are pipelined behind it.</item>
/// </list>
/// Each feature owns its script fragment and its keys; this class only puts them together.
/// </summary>
public sealed class ChatTurnStore(IConnectionMultiplexer redis, ChatHistoryStore sessions, TokenBudget budget, ResponseLog responses)
{
    // KEYS: history, history tokens, budget minute, budget day.
    // ARGV: read history (1/0), budgets on (1/0), new message tokens, new session tokens (system prompt), max prompt
    //       tokens, completion tokens reserved, then the budget's limits and expiries (TokenBudget.LimitArguments).
    // The estimate is what the prompt fitter will count: the stored history's tokens plus the new message's, at most
    // the prompt limit (turns beyond it are dropped); a history stored without its count is taken at the limit.
    private const string BeginScript = TokenBudget.ReserveLua + """
        local history, tokens = false, false
        if ARGV[1] == '1' then
          history = redis.call('GET', KEYS[1])
          if history then tokens = redis.call('GET', KEYS[2]) end
        end
        if ARGV[2] ~= '1' then return { history, tokens } end
        local base = tonumber(ARGV[4])
        if history then base = tonumber(tokens or ARGV[5]) end
        local estimate = math.min(base + tonumber(ARGV[3]), tonumber(ARGV[5])) + tonumber(ARGV[6])
        local granted, minute, day = reserve(KEYS[3], KEYS[4], estimate, tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]))
        return { history, tokens, estimate, granted, minute, day }
        """;

    // KEYS: history, history tokens, budget minute, budget day, response record.
    // ARGV: 1-4 ChatHistoryStore.WriteArguments; 5 budget correction (1/0), 6 tokens to add, 7-8 counter expiries;
    //       9 response record ('' for none), 10 its expiry in ms.
    private const string CompleteScript = ChatHistoryStore.WriteLua + TokenBudget.AddLua + """
        local written, current = write_history(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
        local minute, day = false, false
        if ARGV[5] == '1' then
          minute, day = add(KEYS[3], KEYS[4], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]))
        end
        if ARGV[9] ~= '' then
          redis.call('SET', KEYS[5], ARGV[9], 'PX', ARGV[10])
        end
        return { written, current, minute, day }
        """;

    /// <summary>
    /// Reads the session (when <paramref name="readHistory"/>; a new session has none) and reserves the turn's budget.
    /// No round trip at all when there is neither a session to read nor a budget to reserve.
    /// </summary>
    public async Task<TurnStart> BeginAsync(string userId, string sessionId, bool readHistory, int messageTokens, int newSessionTokens, int maxPromptTokens)
    {
        var settings = budget.Settings;
        var unlimited = new TurnBudget(userId, BudgetReservation.None(userId), TokenBudget.Unlimited, null);
        if (!readHistory && !settings.Enabled)
        {
            return new TurnStart(ChatHistoryStore.Snapshot(RedisValue.Null, RedisValue.Null), unlimited);
        }

        var window = budget.CurrentWindow();
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            BeginScript,
            [ChatHistoryStore.KeyFor(userId, sessionId), ChatHistoryStore.TokensKeyFor(userId, sessionId), TokenBudget.MinuteKey(userId, window.Minute), TokenBudget.DayKey(userId, window.Day)],
            [readHistory ? 1 : 0, settings.Enabled ? 1 : 0, messageTokens, newSessionTokens, maxPromptTokens, settings.ReservedCompletionTokens, .. budget.LimitArguments()]))!;

        var snapshot = ChatHistoryStore.Snapshot((RedisValue)result[0], (RedisValue)result[1]);
        var held = settings.Enabled
            ? budget.Decide(userId, window, (long)result[2], (long)result[3] == 1, (long)result[4], (long)result[5])
            : unlimited;
        return new TurnStart(snapshot, held);
    }

    /// <summary>
    /// Stores the turn's history if the session still holds <paramref name="snapshot"/>, settles the budget
    /// reservation (charged what the budget stage reported, or returned when the call never reached it), records the
    /// answer under <paramref name="responseId"/> (when there is one) and runs the <paramref name="deferred"/> writes:
    /// one round trip. The budget part is left out when there is nothing to settle.
    /// </summary>
    public async Task<TurnEnd> CompleteAsync(
        string userId, string sessionId, SessionSnapshot snapshot, HistoryWrite write, TurnBudget? held,
        (string ResponseId, string Record)? response, IReadOnlyList<Func<IDatabaseAsync, Task>>? deferred)
    {
        var reservation = held is { Settled: false, Reservation: { } r } && (r.Tokens != 0 || budget.Settings.Enabled) ? r : null;

        // Settled from here on, whatever happens: a failure after this must not charge or return it a second time.
        if (held is not null)
        {
            held.Settled = true;
        }

        var window = reservation is null ? budget.CurrentWindow() : new BudgetWindow(default, reservation.MinuteWindow, reservation.Day);
        RedisKey[] keys =
        [
            ChatHistoryStore.KeyFor(userId, sessionId), ChatHistoryStore.TokensKeyFor(userId, sessionId),
            TokenBudget.MinuteKey(userId, window.Minute), TokenBudget.DayKey(userId, window.Day),
            ResponseLog.KeyFor(userId, response?.ResponseId ?? "-"),
        ];
        RedisValue[] args =
        [
            .. sessions.WriteArguments(snapshot, write),
            reservation is null ? 0 : 1, reservation is null ? 0 : (held!.UsedTokens ?? 0) - reservation.Tokens,
            (long)TokenBudget.MinuteTtl.TotalSeconds, (long)TokenBudget.DayTtl.TotalSeconds,
            response?.Record ?? string.Empty, (long)responses.Ttl.TotalMilliseconds,
        ];

        // The stages' writes are issued right behind the script, before awaiting it: the multiplexer pipelines them on
        // its connection, so they share the round trip (and their keys need not share the script's slot). Not an
        // IBatch: StackExchange.Redis does not profile batched commands, so they would vanish from the trace.
        var database = redis.GetDatabase();
        var script = database.ScriptEvaluateAsync(CompleteScript, keys, args);
        var writes = deferred?.Select(write => write(database)).ToList() ?? [];
        var result = (RedisResult[])(await script)!;
        await Task.WhenAll(writes);

        // The budget stage's verdict: what is left after the charge (none when the call never reached it, e.g. a cached answer).
        var status = held?.UsedTokens is null ? null
            : reservation is null ? TokenBudget.Unlimited
            : budget.Status((long)result[2], (long)result[3]);
        var written = (long)result[0] == 1;
        return new TurnEnd(written, written ? snapshot : ChatHistoryStore.Snapshot((RedisValue)result[1], RedisValue.Null), status);
    }
}

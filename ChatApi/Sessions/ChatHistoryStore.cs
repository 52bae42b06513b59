using System.Text.Json;
using LlmReference.ChatApi.Chat;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Sessions;

/// <summary>
/// Conversation history in Redis: one JSON-serialized Semantic Kernel <see cref="ChatHistory"/> per session under
/// <c>chat:session:{{userId}}:{sessionId}</c> (a session belongs to the caller who started it), with a sliding TTL,
/// and beside it the history's token count (<c>…:tokens</c>), so that a turn can size its budget reservation in the
/// same round trip that reads the history. Writes are optimistic: a Lua script (<see cref="WriteLua"/>) stores the
/// new history only if the session still holds what was read (nothing, for a new session), so two concurrent turns
/// on one session both land instead of one overwriting the other. A chat turn runs that write inside its closing
/// script (<see cref="ChatTurnStore"/>); a lost race is retried here.
/// </summary>
public sealed class ChatHistoryStore(
    IConnectionMultiplexer redis,
    IOptionsMonitor<ChatSessionOptions> options,
    PromptTokenCounter tokenCounter,
    ChatApiMetrics metrics,
    ILogger<ChatHistoryStore> logger)
{
    public const string KeyPrefix = "chat:session:";

    /// <summary>
    /// Lua: <c>write_history(key, tokens_key, expected, json, tokens, ttl_ms)</c> stores the history and its token
    /// count if the key still holds <c>expected</c> (<c>''</c>: does not exist) and returns <c>1</c>; otherwise
    /// changes nothing and returns <c>0</c> and what the key holds now.
    /// </summary>
    public const string WriteLua = """
        local function write_history(key, tokens_key, expected, json, tokens, ttl)
          local current = redis.call('GET', key)
          if (expected == '' and current) or (expected ~= '' and current ~= expected) then
            return 0, current
          end
          redis.call('SET', key, json, 'PX', ttl)
          redis.call('SET', tokens_key, tokens, 'PX', ttl)
          return 1, false
        end

        """;

    private const string WriteScript = WriteLua + """
        local written, current = write_history(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
        return { written, current }
        """;

    // {userId} is a hash tag: all of one user's keys share a cluster slot, so one script may touch them together.
    public static RedisKey KeyFor(string userId, string sessionId) => $"{KeyPrefix}{{{userId}}}:{sessionId}";

    /// <summary>The token count (<see cref="PromptTokenCounter.Count(IEnumerable{ChatMessageContent})"/>) of the history under <see cref="KeyFor"/>.</summary>
    public static RedisKey TokensKeyFor(string userId, string sessionId) => $"{KeyPrefix}{{{userId}}}:{sessionId}:tokens";

    /// <summary>A snapshot of what a read returned: the history's JSON and its stored token count (either may be missing).</summary>
    public static SessionSnapshot Snapshot(RedisValue value, RedisValue tokens) =>
        new(Deserialize(value), value) { Tokens = value.IsNullOrEmpty || tokens.IsNullOrEmpty ? null : (int)tokens };

    /// <summary>
    /// The history after one more turn: the one read in <paramref name="snapshot"/> (system prompt first if the
    /// session is new) with <paramref name="user"/> and <paramref name="assistant"/> appended, trimmed to the
    /// max-turns limit, serialized, with its token count (counted again only when turns were dropped or the read had none).
    /// </summary>
    public HistoryWrite Append(SessionSnapshot snapshot, string systemPrompt, ChatMessageContent user, ChatMessageContent assistant)
    {
        var history = snapshot.History is { } stored ? new ChatHistory(stored) : new ChatHistory(systemPrompt);
        var before = snapshot.Tokens ?? tokenCounter.Count(history);
        user = ChatHistoryTrimmer.Strip(user);
        assistant = ChatHistoryTrimmer.Strip(assistant);
        history.Add(user);
        history.Add(assistant);
        var (trimmed, dropped) = ChatHistoryTrimmer.Trim(history, options.CurrentValue.MaxTurns);
        var tokens = dropped == 0 ? before + tokenCounter.Count(user) + tokenCounter.Count(assistant) : tokenCounter.Count(trimmed);
        return new HistoryWrite(trimmed, JsonSerializer.Serialize(trimmed), tokens, dropped);
    }

    /// <summary>The arguments <see cref="WriteLua"/> takes after its keys.</summary>
    public RedisValue[] WriteArguments(SessionSnapshot snapshot, HistoryWrite write) =>
        [snapshot.StoredValue.IsNull ? string.Empty : snapshot.StoredValue, write.Json, write.Tokens, (long)options.CurrentValue.Ttl.TotalMilliseconds];

    /// <summary>Counts the turns a stored write dropped.</summary>
    public void Stored(string sessionId, HistoryWrite write)
    {
        if (write.DroppedTurns > 0)
        {
            metrics.RecordTrimmedTurns(write.DroppedTurns);
            Log.HistoryTrimmed(logger, sessionId, write.DroppedTurns, options.CurrentValue.MaxTurns);
        }
    }

    /// <summary>
    /// Appends one turn to the history read in <paramref name="snapshot"/> and stores it with a fresh TTL. If another
    /// request changed the session meanwhile, the turn is appended to the newer history instead, up to
    /// <see cref="ChatSessionOptions.MaxWriteAttempts"/> attempts in all (<paramref name="attemptsMade"/> of them
    /// already made by the caller), then <see cref="SessionConflictException"/>.
    /// </summary>
    public async Task<ChatHistory> AppendTurnAsync(
        string userId, string sessionId, SessionSnapshot snapshot, string systemPrompt, ChatMessageContent user, ChatMessageContent assistant, int attemptsMade = 0)
    {
        var settings = options.CurrentValue;
        var database = redis.GetDatabase();
        for (var attempt = attemptsMade + 1; ; attempt++)
        {
            if (attempt > settings.MaxWriteAttempts)
            {
                throw new SessionConflictException(sessionId, attempt - 1);
            }

            if (attempt > 1)
            {
                Log.ConcurrentWriteRetried(logger, sessionId, attempt - 1);

                // A short random pause spreads the contenders out so they stop colliding.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)));
            }

            var write = Append(snapshot, systemPrompt, user, assistant);
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                WriteScript, [KeyFor(userId, sessionId), TokensKeyFor(userId, sessionId)], WriteArguments(snapshot, write)))!;
            if ((long)result[0] == 1)
            {
                Stored(sessionId, write);
                return write.History;
            }

            // The script returned what the session holds now: the next attempt appends to that.
            snapshot = Snapshot((RedisValue)result[1], tokens: RedisValue.Null);
        }
    }

    private static ChatHistory? Deserialize(RedisValue value) =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ChatHistory>(value.ToString());
}

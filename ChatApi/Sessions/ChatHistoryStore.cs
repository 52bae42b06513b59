using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Sessions;

/// <summary>
/// Conversation history in Redis: one JSON-serialized Semantic Kernel <see cref="ChatHistory"/> per session under
/// <c>chat:session:{userId}:{sessionId}</c> (a session belongs to the caller who started it), with a sliding TTL. Writes are optimistic (a new session's with SET NX, later ones with WATCH/MULTI through a transaction condition),
/// so two concurrent turns on one session both land instead of one overwriting the other.
/// </summary>
public sealed class ChatHistoryStore(
    IConnectionMultiplexer redis,
    IOptionsMonitor<ChatSessionOptions> options,
    ChatApiMetrics metrics,
    ILogger<ChatHistoryStore> logger)
{
    public const string KeyPrefix = "chat:session:";

    public static RedisKey KeyFor(string userId, string sessionId) => $"{KeyPrefix}{userId}:{sessionId}";

    public async Task<SessionSnapshot> LoadAsync(string userId, string sessionId)
    {
        var value = await redis.GetDatabase().StringGetAsync(KeyFor(userId, sessionId));
        return new SessionSnapshot(Deserialize(value), value);
    }

    /// <summary>
    /// Appends one turn to the history read in <paramref name="snapshot"/> (system prompt first if the session is
    /// new), trims it to the max-turns limit and stores it with a fresh TTL. If another request changed the session
    /// meanwhile, the turn is appended to the newer history instead.
    /// </summary>
    public async Task<ChatHistory> AppendTurnAsync(
        string userId, string sessionId, SessionSnapshot snapshot, string systemPrompt, ChatMessageContent user, ChatMessageContent assistant)
    {
        var settings = options.CurrentValue;
        var database = redis.GetDatabase();
        var key = KeyFor(userId, sessionId);

        for (var attempt = 1; ; attempt++)
        {
            var history = snapshot.History is { } stored ? new ChatHistory(stored) : new ChatHistory(systemPrompt);
            history.Add(ChatHistoryTrimmer.Strip(user));
            history.Add(ChatHistoryTrimmer.Strip(assistant));
            var (trimmed, dropped) = ChatHistoryTrimmer.Trim(history, settings.MaxTurns);

            if (await WriteIfUnchangedAsync(database, key, snapshot.StoredValue, JsonSerializer.Serialize(trimmed), settings.Ttl))
            {
                if (dropped > 0)
                {
                    metrics.RecordTrimmedTurns(dropped);
                    Log.HistoryTrimmed(logger, sessionId, dropped, settings.MaxTurns);
                }

                return trimmed;
            }

            if (attempt >= settings.MaxWriteAttempts)
            {
                throw new SessionConflictException(sessionId, attempt);
            }

            Log.ConcurrentWriteRetried(logger, sessionId, attempt);

            // A short random pause spreads the contenders out so they stop colliding.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)));
            var latest = await database.StringGetAsync(key);
            snapshot = new SessionSnapshot(Deserialize(latest), latest);
        }
    }

    /// <summary>
    /// Stores <paramref name="json"/> only if the session still holds what was read: a new session (nothing read) with
    /// one <c>SET NX</c>, one round trip; an existing one with a transaction conditioned on the value read.
    /// </summary>
    private static async Task<bool> WriteIfUnchangedAsync(IDatabase database, RedisKey key, RedisValue read, string json, TimeSpan ttl)
    {
        if (read.IsNull)
        {
            return await database.StringSetAsync(key, json, ttl, When.NotExists);
        }

        var transaction = database.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(key, read));
        _ = transaction.StringSetAsync(key, json, ttl);
        return await transaction.ExecuteAsync();
    }

    private static ChatHistory? Deserialize(RedisValue value) =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ChatHistory>(value.ToString());
}

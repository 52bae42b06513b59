using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Feedback;

/// <summary>
/// Votes in Redis: one hash per answer, <c>chat:feedback:{responseId}</c>, with one field per user holding that user's
/// latest vote as JSON, kept for <see cref="FeedbackOptions.Retention"/> after the last vote. The hash is bounded by
/// the users who received the answer, and a second vote replaces the first (optimistic write, so concurrent votes
/// cannot both count as new).
/// </summary>
public sealed class FeedbackStore(IConnectionMultiplexer redis, IOptionsMonitor<FeedbackOptions> options)
{
    public const string KeyPrefix = "chat:feedback:";

    /// <summary>Attempts when the same user's vote on the same answer changes while it is being saved.</summary>
    public const int MaxWriteAttempts = 5;

    public static RedisKey KeyFor(string responseId) => KeyPrefix + responseId;

    /// <summary>Stores <paramref name="entry"/> as <paramref name="userId"/>'s vote on the answer.</summary>
    public async Task<FeedbackSave> SaveAsync(string responseId, string userId, FeedbackEntry entry)
    {
        var database = redis.GetDatabase();
        var key = KeyFor(responseId);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var stored = await database.HashGetAsync(key, userId);
            var previous = Deserialize(stored);
            if (previous is not null && previous.Score == entry.Score && previous.Comment == entry.Comment)
            {
                return new FeedbackSave(FeedbackResult.Unchanged, previous);
            }

            var transaction = database.CreateTransaction();
            transaction.AddCondition(stored.IsNull ? Condition.HashNotExists(key, userId) : Condition.HashEqual(key, userId, stored));
            _ = transaction.HashSetAsync(key, userId, JsonSerializer.Serialize(entry));
            _ = transaction.KeyExpireAsync(key, options.CurrentValue.Retention);
            if (await transaction.ExecuteAsync())
            {
                return new FeedbackSave(previous is null ? FeedbackResult.Recorded : FeedbackResult.Updated, previous);
            }
        }

        return new FeedbackSave(FeedbackResult.Conflict, null);
    }

    /// <summary>Every user's vote on an answer, by user id.</summary>
    public async Task<IReadOnlyDictionary<string, FeedbackEntry>> GetAsync(string responseId)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync(KeyFor(responseId));
        return fields.ToDictionary(f => f.Name.ToString(), f => Deserialize(f.Value)!);
    }

    private static FeedbackEntry? Deserialize(RedisValue value) =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<FeedbackEntry>(value.ToString());
}

/// <summary>One stored vote.</summary>
/// <param name="Score"><c>up</c> or <c>down</c>.</param>
/// <param name="Comment">The comment with card and account numbers masked, or null.</param>
/// <param name="Model">The model that gave the answer.</param>
/// <param name="SessionId">The conversation the answer belongs to.</param>
/// <param name="SubmittedAt">When the vote was (last) given.</param>
public sealed record FeedbackEntry(string Score, string? Comment, string Model, string SessionId, DateTimeOffset SubmittedAt);

/// <summary>What a save did.</summary>
public enum FeedbackResult
{
    /// <summary>The user's first vote on this answer.</summary>
    Recorded,

    /// <summary>Replaced the user's earlier, different vote.</summary>
    Updated,

    /// <summary>The same vote again: nothing written, nothing counted.</summary>
    Unchanged,

    /// <summary>Concurrent votes by the same user kept changing it; not saved.</summary>
    Conflict,
}

/// <summary>The result of a save, with the vote it replaced (if any).</summary>
public sealed record FeedbackSave(FeedbackResult Result, FeedbackEntry? Previous);

using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Feedback;

/// <summary>
/// Which answers were given to whom, so feedback can be accepted only for a real, recent answer of the caller's own:
/// one small JSON value per answer under <c>chat:response:{{userId}}:{responseId}</c>, expiring after
/// <see cref="FeedbackOptions.ResponseTtl"/> (default 24 hours). The chat flow records every answer it returns,
/// including cached ones (the same response id then belongs to each user who received it).
/// </summary>
public sealed class ResponseLog(IConnectionMultiplexer redis, IOptionsMonitor<FeedbackOptions> options, TimeProvider time)
{
    public const string KeyPrefix = "chat:response:";

    // {userId} is a hash tag: one user's keys share a cluster slot, so the chat turn's closing script may write this one.
    public static RedisKey KeyFor(string userId, string responseId) => $"{KeyPrefix}{{{userId}}}:{responseId}";

    /// <summary>How long an answer can be rated.</summary>
    public TimeSpan Ttl => options.CurrentValue.ResponseTtl;

    /// <summary>Remembers an answer. <paramref name="turn"/> (the chat turn's span) lets feedback link back to its trace.</summary>
    public Task RecordAsync(string userId, string responseId, string model, string sessionId, ActivityContext turn = default) =>
        redis.GetDatabase().StringSetAsync(KeyFor(userId, responseId), Serialize(model, sessionId, turn), Ttl);

    /// <summary>The stored value for an answer (the chat turn writes it in its closing script).</summary>
    public string Serialize(string model, string sessionId, ActivityContext turn = default)
    {
        var traceParent = turn == default ? null : $"00-{turn.TraceId.ToHexString()}-{turn.SpanId.ToHexString()}-{(turn.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
        return JsonSerializer.Serialize(new ResponseRecord(model, sessionId, time.GetUtcNow(), traceParent));
    }

    /// <summary>The answer, or null when it is unknown, expired or was given to someone else.</summary>
    public async Task<ResponseRecord?> GetAsync(string userId, string responseId)
    {
        var value = await redis.GetDatabase().StringGetAsync(KeyFor(userId, responseId));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ResponseRecord>(value.ToString());
    }
}

/// <summary>What is remembered about an answer.</summary>
/// <param name="Model">The model that answered.</param>
/// <param name="SessionId">The conversation it belongs to.</param>
/// <param name="AnsweredAt">When it was recorded.</param>
/// <param name="TraceParent">W3C <c>traceparent</c> of the chat turn's span, when it was traced.</param>
public sealed record ResponseRecord(string Model, string SessionId, DateTimeOffset AnsweredAt, string? TraceParent)
{
    /// <summary>The chat turn's span context, for a link from the feedback span.</summary>
    public ActivityContext? TurnContext =>
        TraceParent is not null && ActivityContext.TryParse(TraceParent, null, out var context) ? context : null;
}

using System.Text.Json;
using LlmReference.FraudService.Scoring;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.FraudService.Transactions;

/// <summary>
/// Scored transactions and per-customer history in Redis (Garnet by default). Layout, with <c>fraud</c> as prefix:
/// <list type="bullet">
/// <item><c>fraud:txn:{id}</c> — string, the <see cref="ScoredTransaction"/> as JSON, with the TTL.</item>
/// <item><c>fraud:customer:{id}:recent</c> — sorted set of transaction ids scored by transaction time (ms), capped.</item>
/// <item><c>fraud:label:{id}</c> — string, the first <see cref="StoredLabel"/> received for the transaction, with the TTL.</item>
/// <item><c>fraud:customer:{id}:profile</c> — hash: <c>home</c> (first country seen), <c>count</c> and <c>sumUsd</c> of the transactions not declined.</item>
/// </list>
/// Customer keys get the same TTL, renewed on each transaction.
/// </summary>
public sealed class TransactionStore(IConnectionMultiplexer redis, IOptions<TransactionStorageOptions> options)
{
    private const string HomeField = "home";
    private const string CountField = "count";
    private const string SumField = "sumUsd";

    private readonly TransactionStorageOptions _options = options.Value;

    public TimeSpan Ttl => _options.Ttl;

    public RedisKey TransactionKey(string transactionId) => $"{_options.KeyPrefix}:txn:{transactionId}";

    private RedisKey LabelKey(string transactionId) => $"{_options.KeyPrefix}:label:{transactionId}";

    private RedisKey RecentKey(string customerId) => $"{_options.KeyPrefix}:customer:{customerId}:recent";

    private RedisKey ProfileKey(string customerId) => $"{_options.KeyPrefix}:customer:{customerId}:profile";

    /// <summary>The customer's profile and the number of their transactions in <c>[at - window, at]</c>.</summary>
    public async Task<CustomerHistory> GetCustomerHistoryAsync(string customerId, DateTimeOffset at, TimeSpan window)
    {
        var db = redis.GetDatabase();
        var end = at.ToUnixTimeMilliseconds();
        var profileTask = db.HashGetAsync(ProfileKey(customerId), [HomeField, CountField, SumField]);
        var recentTask = db.SortedSetLengthAsync(RecentKey(customerId), end - (long)window.TotalMilliseconds, end);
        await Task.WhenAll(profileTask, recentTask).ConfigureAwait(false);

        var profile = profileTask.Result;
        return new CustomerHistory(
            HomeCountry: profile[0].IsNull ? null : profile[0].ToString(),
            TransactionCount: profile[1].IsNull ? 0 : (long)profile[1],
            TotalAmountUsd: profile[2].IsNull ? 0 : (double)profile[2],
            RecentTransactions: (int)Math.Min(recentTask.Result, int.MaxValue));
    }

    /// <summary>
    /// Stores a scored transaction unless one with the same id exists (then returns false and changes nothing),
    /// and adds it to the customer's history.
    /// </summary>
    public async Task<bool> TryAddAsync(ScoredTransaction scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var db = redis.GetDatabase();
        var json = JsonSerializer.SerializeToUtf8Bytes(scored, FraudJson.Options);
        if (!await db.StringSetAsync(TransactionKey(scored.TransactionId), json, _options.Ttl, When.NotExists).ConfigureAwait(false))
        {
            return false;
        }

        var recent = RecentKey(scored.CustomerId);
        var profile = ProfileKey(scored.CustomerId);
        var batch = db.CreateBatch();
        Task[] writes =
        [
            batch.SortedSetAddAsync(recent, scored.TransactionId, scored.Timestamp.ToUnixTimeMilliseconds()),
            // Keep the newest N by transaction time: drop ranks 0 .. -(N+1).
            batch.SortedSetRemoveRangeByRankAsync(recent, 0, -(_options.RecentPerCustomer + 1)),
            batch.KeyExpireAsync(recent, _options.Ttl),
            batch.HashSetAsync(profile, HomeField, scored.Country, When.NotExists),
            batch.KeyExpireAsync(profile, _options.Ttl),
        ];
        if (scored.Decision != Decision.Decline)
        {
            // Declined (probably fraudulent) amounts would otherwise teach the profile that large amounts are normal.
            writes = [.. writes, batch.HashIncrementAsync(profile, CountField, 1), batch.HashIncrementAsync(profile, SumField, scored.Features.AmountUsd)];
        }

        batch.Execute();
        await Task.WhenAll(writes).ConfigureAwait(false);
        return true;
    }

    public async Task<ScoredTransaction?> GetAsync(string transactionId)
    {
        var value = await redis.GetDatabase().StringGetAsync(TransactionKey(transactionId)).ConfigureAwait(false);
        return value.IsNull ? null : Deserialize(value);
    }

    /// <summary>The customer's most recent transactions still in the store, newest first.</summary>
    public async Task<IReadOnlyList<ScoredTransaction>> GetRecentForCustomerAsync(string customerId, int limit)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(RecentKey(customerId), 0, limit - 1, Order.Descending).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var keys = Array.ConvertAll(ids, id => TransactionKey(id.ToString()));
        var values = await db.StringGetAsync(keys).ConfigureAwait(false);

        // A record can expire before its entry in the list; such gaps are skipped.
        var result = new List<ScoredTransaction>(values.Length);
        foreach (var value in values)
        {
            if (!value.IsNull)
            {
                result.Add(Deserialize(value));
            }
        }

        return result;
    }

    /// <summary>Records the label unless the transaction already has one; then returns that one and changes nothing.</summary>
    public async Task<(bool Added, StoredLabel? Existing)> TryAddLabelAsync(string transactionId, StoredLabel label)
    {
        var db = redis.GetDatabase();
        var key = LabelKey(transactionId);
        if (await db.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(label, FraudJson.Options), _options.Ttl, When.NotExists).ConfigureAwait(false))
        {
            return (true, null);
        }

        var existing = await db.StringGetAsync(key).ConfigureAwait(false);
        return (false, existing.IsNull ? null : JsonSerializer.Deserialize<StoredLabel>(((ReadOnlyMemory<byte>)existing).Span, FraudJson.Options));
    }

    public async Task<StoredLabel?> GetLabelAsync(string transactionId)
    {
        var value = await redis.GetDatabase().StringGetAsync(LabelKey(transactionId)).ConfigureAwait(false);
        return value.IsNull ? null : JsonSerializer.Deserialize<StoredLabel>(((ReadOnlyMemory<byte>)value).Span, FraudJson.Options);
    }

    private static ScoredTransaction Deserialize(RedisValue value) =>
        JsonSerializer.Deserialize<ScoredTransaction>(((ReadOnlyMemory<byte>)value).Span, FraudJson.Options)
        ?? throw new InvalidDataException("A stored transaction was JSON null.");
}

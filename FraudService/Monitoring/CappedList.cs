using StackExchange.Redis;

namespace LlmReference.FraudService.Monitoring;

/// <summary>A Redis list kept to the newest <c>size</c> entries: the shared sliding windows of monitoring.</summary>
internal static class CappedList
{
    /// <summary>Pushes <paramref name="entry"/> to the head and trims the tail, in one round trip.</summary>
    public static async Task PushAsync(IDatabase db, RedisKey key, RedisValue entry, int size)
    {
        var batch = db.CreateBatch();
        var push = batch.ListLeftPushAsync(key, entry);
        var trim = batch.ListTrimAsync(key, 0, size - 1);
        batch.Execute();
        await Task.WhenAll(push, trim).ConfigureAwait(false);
    }
}

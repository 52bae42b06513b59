using LlmReference.FraudService.Transactions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// The sliding window of labelled transactions, shared by every instance: a capped Redis list per model version
/// (<c>fraud:monitoring:{version}:labels</c>), newest first, one two-character entry per label
/// (alert <c>0</c>/<c>1</c>, fraud <c>0</c>/<c>1</c>).
/// </summary>
public sealed class LabelWindow(IConnectionMultiplexer redis, IOptions<TransactionStorageOptions> storage, IOptions<MonitoringOptions> options)
{
    private readonly string _prefix = storage.Value.KeyPrefix;
    private readonly int _size = options.Value.LabelWindowSize;

    public int Size => _size;

    private RedisKey Key(string modelVersion) => $"{_prefix}:monitoring:{modelVersion}:labels";

    public async Task AddAsync(string modelVersion, bool alert, bool fraud)
    {
        var entry = string.Concat(alert ? "1" : "0", fraud ? "1" : "0");
        await CappedList.PushAsync(redis.GetDatabase(), Key(modelVersion), entry, _size).ConfigureAwait(false);
    }

    public async Task<ConfusionMatrix> GetAsync(string modelVersion)
    {
        var entries = await redis.GetDatabase().ListRangeAsync(Key(modelVersion), 0, _size - 1).ConfigureAwait(false);
        var matrix = new ConfusionMatrix();
        foreach (var entry in entries)
        {
            var text = entry.ToString();
            if (text.Length == 2)
            {
                matrix = matrix.Add(text[0] == '1', text[1] == '1');
            }
        }

        return matrix;
    }
}

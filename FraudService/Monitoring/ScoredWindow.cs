using System.Globalization;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Transactions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// The sliding window of scored traffic for drift, shared by every instance: a capped Redis list per model version
/// (<c>fraud:monitoring:{version}:scored</c>), newest first, one entry per transaction holding the
/// <see cref="DriftFeature"/> values separated by <c>;</c>.
/// </summary>
public sealed class ScoredWindow(IConnectionMultiplexer redis, IOptions<TransactionStorageOptions> storage, IOptions<MonitoringOptions> options)
{
    private readonly string _prefix = storage.Value.KeyPrefix;
    private readonly int _size = options.Value.ScoredWindowSize;

    public int Size => _size;

    private RedisKey Key(string modelVersion) => $"{_prefix}:monitoring:{modelVersion}:scored";

    public async Task AddAsync(string modelVersion, TransactionFeatures features, double score)
    {
        var values = new string[DriftFeature.All.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = DriftFeature.All[i].Select(features, score).ToString("R", CultureInfo.InvariantCulture);
        }

        await CappedList.PushAsync(redis.GetDatabase(), Key(modelVersion), string.Join(';', values), _size).ConfigureAwait(false);
    }

    /// <summary>The window's values, one array per <see cref="DriftFeature"/> (in <see cref="DriftFeature.All"/> order).</summary>
    public async Task<double[][]> GetAsync(string modelVersion)
    {
        var entries = await redis.GetDatabase().ListRangeAsync(Key(modelVersion), 0, _size - 1).ConfigureAwait(false);
        var columns = DriftFeature.All.Select(_ => new List<double>(entries.Length)).ToArray();
        foreach (var entry in entries)
        {
            var parts = entry.ToString().Split(';');
            if (parts.Length != columns.Length)
            {
                continue; // written by a build that watched other features
            }

            for (var i = 0; i < parts.Length; i++)
            {
                columns[i].Add(double.Parse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        return [.. columns.Select(c => c.ToArray())];
    }
}

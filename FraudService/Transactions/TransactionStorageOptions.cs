using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Transactions;

/// <summary>How scored transactions are kept in the cache. Section <c>Fraud:Storage</c>.</summary>
public sealed class TransactionStorageOptions
{
    public const string SectionName = "Fraud:Storage";

    /// <summary>
    /// How long a scored transaction (and a customer's history) is kept: labels that arrive later than this
    /// cannot be matched. Default 7 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most recent transactions kept per customer (older ones drop off the list). Default 200.</summary>
    [Range(1, 10_000)]
    public int RecentPerCustomer { get; set; } = 200;

    /// <summary>Prefix of every key, so the service can share a cache. Default <c>fraud</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,32}$")]
    public string KeyPrefix { get; set; } = "fraud";
}

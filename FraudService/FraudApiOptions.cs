using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService;

/// <summary>HTTP limits of the fraud API. Section <c>Fraud:Api</c>.</summary>
public sealed class FraudApiOptions
{
    public const string SectionName = "Fraud:Api";

    /// <summary>Largest accepted request body; larger ones get 413. A transaction is about 250 bytes. Default 16 KiB.</summary>
    [Range(256, 10 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Most transactions in one <c>POST /api/fraud/score/batch</c>. Default 500.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Largest batch request body. Default 256 KiB (about 1,000 transactions).</summary>
    [Range(256, 64 * 1024 * 1024)]
    public long MaxBatchRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Transactions returned by the per-customer list when <c>limit</c> is not given. Default 20.</summary>
    [Range(1, 10_000)]
    public int DefaultRecentLimit { get; set; } = 20;

    /// <summary>Largest <c>limit</c> accepted by the per-customer list. Default 100.</summary>
    [Range(1, 10_000)]
    public int MaxRecentLimit { get; set; } = 100;
}

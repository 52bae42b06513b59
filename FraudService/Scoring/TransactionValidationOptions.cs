using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Scoring;

/// <summary>Limits on incoming transactions. Section <c>Fraud:Validation</c>.</summary>
public sealed class TransactionValidationOptions
{
    public const string SectionName = "Fraud:Validation";

    /// <summary>Largest accepted amount, in the transaction's currency units. Default 1,000,000.</summary>
    [Range(typeof(decimal), "1", "79228162514264337593543950335")]
    public decimal MaxAmount { get; set; } = 1_000_000m;

    /// <summary>How far in the future a timestamp may be (terminal clocks drift). Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a transaction may be when it is scored. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Longest transaction or customer id. Default 64 characters.</summary>
    [Range(1, 256)]
    public int MaxIdLength { get; set; } = 64;
}

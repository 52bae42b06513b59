using Microsoft.Extensions.Logging;

namespace LlmReference.FraudService.Scoring;

/// <summary>Scoring logs. Customer ids appear only as <see cref="Pseudonym"/>s.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "TransactionScored", Level = LogLevel.Debug,
        Message = "Scored transaction {TransactionId} of customer {CustomerPseudonym}: {Score:F3} → {Decision} ({ModelVersion})")]
    public static partial void TransactionScored(ILogger logger, string transactionId, string customerPseudonym, double score, string decision, string modelVersion);

    [LoggerMessage(EventId = 1002, EventName = "TransactionDeclined", Level = LogLevel.Information,
        Message = "Declined transaction {TransactionId} of customer {CustomerPseudonym}: {Score:F3} ({ModelVersion}), top reason {TopReason}")]
    public static partial void TransactionDeclined(ILogger logger, string transactionId, string customerPseudonym, double score, string modelVersion, string topReason);

    [LoggerMessage(EventId = 1003, EventName = "TransactionReplayed", Level = LogLevel.Information,
        Message = "Transaction {TransactionId} was already scored with the same content; returning the stored result")]
    public static partial void TransactionReplayed(ILogger logger, string transactionId);

    [LoggerMessage(EventId = 1004, EventName = "TransactionIdConflict", Level = LogLevel.Warning,
        Message = "Transaction {TransactionId} was already scored with different content; rejected")]
    public static partial void TransactionIdConflict(ILogger logger, string transactionId);
}

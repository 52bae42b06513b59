namespace LlmReference.FraudService.Labels;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "LabelForUnknownTransaction", Level = LogLevel.Information,
        Message = "Label for transaction {TransactionId} matches no scored transaction (never scored or expired)")]
    public static partial void LabelForUnknownTransaction(ILogger logger, string transactionId);

    [LoggerMessage(EventId = 2002, EventName = "ConflictingLabel", Level = LogLevel.Warning,
        Message = "Transaction {TransactionId} is already labelled isFraud={Existing}; the new label isFraud={Received} was not applied")]
    public static partial void ConflictingLabel(ILogger logger, string transactionId, bool existing, bool received);
}

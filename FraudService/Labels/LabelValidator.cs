using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Labels;

/// <summary>Field checks for labels; errors are keyed by JSON path (<c>labels[3].isFraud</c> in a batch).</summary>
public static class LabelValidator
{
    public static void Validate(LabelRequest? label, string prefix, TransactionValidationOptions limits, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (label is null)
        {
            errors[prefix.TrimEnd('.')] = ["Must be a label object, not null."];
            return;
        }

        if (label.TransactionId is null)
        {
            errors[prefix + "transactionId"] = ["Required."];
        }
        else if (!TransactionValidator.IsValidId(label.TransactionId, limits.MaxIdLength))
        {
            errors[prefix + "transactionId"] = [$"Must be 1-{limits.MaxIdLength} characters of letters, digits, '.', '_' or '-'."];
        }

        if (label.IsFraud is null)
        {
            errors[prefix + "isFraud"] = ["Required (true or false)."];
        }

        if (label.LabelledAt > now + limits.MaxClockSkew)
        {
            errors[prefix + "labelledAt"] = [$"Is more than {limits.MaxClockSkew} in the future."];
        }
    }
}

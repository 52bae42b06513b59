using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LlmReference.FraudService.Scoring;

/// <summary>
/// Checks a <see cref="ScoreRequest"/> field by field and reports every problem at once, keyed by the JSON field name,
/// in the shape of <c>ValidationProblemDetails.errors</c>.
/// </summary>
public static class TransactionValidator
{
    public static bool TryValidate(
        ScoreRequest request,
        TransactionValidationOptions limits,
        DateTimeOffset now,
        [NotNullWhen(true)] out CardTransaction? transaction,
        out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        transaction = null;

        if (request.TransactionId is not null && !IsValidId(request.TransactionId, limits.MaxIdLength))
        {
            errors["transactionId"] = [$"Must be 1-{limits.MaxIdLength} characters of letters, digits, '.', '_' or '-'; omit it to have one generated."];
        }

        if (request.CustomerId is null)
        {
            errors["customerId"] = ["Required."];
        }
        else if (!IsValidId(request.CustomerId, limits.MaxIdLength))
        {
            errors["customerId"] = [$"Must be 1-{limits.MaxIdLength} characters of letters, digits, '.', '_' or '-'."];
        }

        if (request.Amount is not { } amount)
        {
            errors["amount"] = ["Required."];
        }
        else if (amount <= 0)
        {
            errors["amount"] = ["Must be greater than zero."];
        }
        else if (amount > limits.MaxAmount)
        {
            errors["amount"] = [$"Must not exceed {limits.MaxAmount} currency units."];
        }

        if (request.Currency is null)
        {
            errors["currency"] = ["Required."];
        }
        else if (!Currencies.IsAccepted(request.Currency))
        {
            errors["currency"] = [$"'{Truncate(request.Currency)}' is not an accepted ISO 4217 currency code (upper case). Accepted: {string.Join(", ", Currencies.UsdPerUnit.Keys.Order(StringComparer.Ordinal))}."];
        }
        else if (request.Amount is { } value && !errors.ContainsKey("amount") && !Currencies.FitsMinorUnit(value, request.Currency))
        {
            var places = Currencies.MinorUnits[request.Currency];
            errors["amount"] = [places == 0
                ? $"{request.Currency} has no minor unit (ISO 4217): the amount must be a whole number, not {value.ToString(CultureInfo.InvariantCulture)}."
                : $"{request.Currency} amounts have at most {places} decimal places (ISO 4217 minor unit), not {value.ToString(CultureInfo.InvariantCulture)}."];
        }

        if (request.MerchantCategory is null)
        {
            errors["merchantCategory"] = ["Required."];
        }
        else if (!MerchantCategories.IsKnown(request.MerchantCategory))
        {
            errors["merchantCategory"] = [$"'{Truncate(request.MerchantCategory)}' is not a known merchant category. Known: {string.Join(", ", MerchantCategories.All.Keys.Order(StringComparer.Ordinal))}."];
        }

        if (request.Country is null)
        {
            errors["country"] = ["Required."];
        }
        else if (!Countries.IsValid(request.Country))
        {
            errors["country"] = [$"'{Truncate(request.Country)}' is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. DE)."];
        }

        if (request.CardPresent is null)
        {
            errors["cardPresent"] = ["Required."];
        }

        if (request.Timestamp is not { } timestamp)
        {
            errors["timestamp"] = ["Required."];
        }
        else if (timestamp > now + limits.MaxClockSkew)
        {
            errors["timestamp"] = [$"Is more than {limits.MaxClockSkew} in the future."];
        }
        else if (timestamp < now - limits.MaxAge)
        {
            errors["timestamp"] = [$"Is older than {limits.MaxAge}."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        transaction = new CardTransaction(
            request.TransactionId ?? Guid.CreateVersion7(now).ToString("N"),
            request.Amount!.Value,
            request.Currency!,
            request.MerchantCategory!,
            request.Country!,
            request.CardPresent!.Value,
            request.Timestamp!.Value,
            request.CustomerId!);
        return true;
    }

    /// <summary>Ids become Redis key segments and URL path segments, so they are kept to a safe alphabet.</summary>
    public static bool IsValidId(string id, int maxLength)
    {
        if (id.Length == 0 || id.Length > maxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    // Echoing a caller's value helps them, but a megabyte of it would not.
    private static string Truncate(string value) => value.Length <= 32 ? value : string.Concat(value.AsSpan(0, 32), "…");
}

using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Tests.Scoring;

public sealed class TransactionValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TransactionValidationOptions Limits = new();

    private static ScoreRequest Valid() => new(
        TransactionId: null, Amount: 19.99m, Currency: "EUR", MerchantCategory: "restaurants", Country: "FR",
        CardPresent: true, Timestamp: Now.AddMinutes(-1), CustomerId: "customer-1");

    private static Dictionary<string, string[]> ErrorsOf(ScoreRequest request)
    {
        Assert.False(TransactionValidator.TryValidate(request, Limits, Now, out var transaction, out var errors));
        Assert.Null(transaction);
        return errors;
    }

    [Fact]
    public void ValidRequestBecomesATransactionWithAGeneratedId()
    {
        Assert.True(TransactionValidator.TryValidate(Valid(), Limits, Now, out var transaction, out var errors));

        Assert.Empty(errors);
        Assert.Equal(32, transaction.TransactionId.Length);
        Assert.Equal(19.99m, transaction.Amount);
        Assert.Equal("customer-1", transaction.CustomerId);
    }

    [Fact]
    public void CallersTransactionIdIsKept()
    {
        Assert.True(TransactionValidator.TryValidate(Valid() with { TransactionId = "pos-42.A_b" }, Limits, Now, out var transaction, out _));

        Assert.Equal("pos-42.A_b", transaction.TransactionId);
    }

    [Fact]
    public void EveryMissingFieldIsReportedByName()
    {
        var errors = ErrorsOf(new ScoreRequest(null, null, null, null, null, null, null, null));

        Assert.Equal(
            ["amount", "cardPresent", "country", "currency", "customerId", "merchantCategory", "timestamp"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Equal("Required.", Assert.Single(messages)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-12.5")]
    [InlineData("1000000.01")]
    [InlineData("79228162514264337593543950335")]
    public void AmountMustBePositiveAndNotAbsurd(string amount)
    {
        var errors = ErrorsOf(Valid() with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal("amount", Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData("0.001", "GBP", "2 decimal places")]
    [InlineData("19.999", "EUR", "2 decimal places")]
    [InlineData("0.5", "JPY", "whole number")]
    [InlineData("1000.1", "KRW", "whole number")]
    public void AmountFinerThanTheCurrencysMinorUnitIsRejected(string amount, string currency, string expected)
    {
        var request = Valid() with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency = currency };

        var message = Assert.Single(ErrorsOf(request)["amount"]);

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains("ISO 4217", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.01", "GBP")]
    [InlineData("19.990", "EUR")]
    [InlineData("500", "JPY")]
    [InlineData("500.00", "JPY")]
    public void AmountInWholeMinorUnitsIsAccepted(string amount, string currency)
    {
        var request = Valid() with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency = currency };

        Assert.True(TransactionValidator.TryValidate(request, Limits, Now, out _, out var errors), string.Join("; ", errors.SelectMany(e => e.Value)));
    }

    [Fact]
    public void EveryAcceptedCurrencyHasAMinorUnit() =>
        Assert.Equal(Currencies.UsdPerUnit.Keys.Order(StringComparer.Ordinal), Currencies.MinorUnits.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("XYZ")]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    public void UnknownCurrencyIsRejectedWithTheAcceptedList(string currency)
    {
        var message = Assert.Single(ErrorsOf(Valid() with { Currency = currency })["currency"]);

        Assert.Contains("ISO 4217", message, StringComparison.Ordinal);
        Assert.Contains("USD", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weapons")]
    [InlineData("Grocery")]
    [InlineData("5411")]
    public void UnknownMerchantCategoryIsRejectedWithTheKnownList(string category)
    {
        var message = Assert.Single(ErrorsOf(Valid() with { MerchantCategory = category })["merchantCategory"]);

        Assert.Contains("grocery", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("DEU")]
    [InlineData("de")]
    [InlineData("UK")]
    public void CountryMustBeAnAssignedAlpha2Code(string country) =>
        Assert.Contains("ISO 3166-1 alpha-2", Assert.Single(ErrorsOf(Valid() with { Country = country })["country"]), StringComparison.Ordinal);

    [Fact]
    public void TimestampTooFarInTheFutureIsRejectedButClockSkewIsTolerated()
    {
        Assert.True(TransactionValidator.TryValidate(Valid() with { Timestamp = Now + Limits.MaxClockSkew }, Limits, Now, out _, out _));

        var errors = ErrorsOf(Valid() with { Timestamp = Now + Limits.MaxClockSkew + TimeSpan.FromSeconds(1) });
        Assert.Contains("future", Assert.Single(errors["timestamp"]), StringComparison.Ordinal);
    }

    [Fact]
    public void TimestampOlderThanMaxAgeIsRejected() =>
        Assert.Contains("older", Assert.Single(ErrorsOf(Valid() with { Timestamp = Now - Limits.MaxAge - TimeSpan.FromSeconds(1) })["timestamp"]), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("colon:key")]
    [InlineData("slash/x")]
    public void IdsOutsideTheSafeAlphabetAreRejected(string id)
    {
        Assert.Contains("transactionId", ErrorsOf(Valid() with { TransactionId = id }).Keys);
        Assert.Contains("customerId", ErrorsOf(Valid() with { CustomerId = id }).Keys);
    }

    [Fact]
    public void OverlongIdsAreRejected()
    {
        var id = new string('a', Limits.MaxIdLength + 1);

        Assert.Contains("customerId", ErrorsOf(Valid() with { CustomerId = id }).Keys);
        Assert.True(TransactionValidator.TryValidate(Valid() with { CustomerId = id[1..] }, Limits, Now, out _, out _));
    }

    [Fact]
    public void EchoedValuesAreTruncated()
    {
        var message = Assert.Single(ErrorsOf(Valid() with { Currency = new string('Q', 10_000) })["currency"]);

        Assert.True(message.Length < 600, $"message length {message.Length}");
    }
}

using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Tests.Scoring;

public sealed class FeatureBuilderTests
{
    private static CardTransaction Transaction(decimal amount = 100m, string currency = "USD", string country = "DE", string category = "electronics") =>
        new("t1", amount, currency, category, country, CardPresent: true,
            new DateTimeOffset(2026, 3, 1, 22, 30, 0, TimeSpan.FromHours(2)), "c1");

    [Fact]
    public void NewCustomerIsMeasuredAgainstTheCategoryAndIsNeverForeign()
    {
        var features = FeatureBuilder.Build(Transaction(country: "BR"), CustomerHistory.None, minHistoryForTypicalAmount: 3);

        Assert.Equal(MerchantCategories.All["electronics"].TypicalAmountUsd, features.TypicalAmountUsd);
        Assert.False(features.IsForeign);
        Assert.Equal(0.6, features.MerchantRisk);
    }

    [Fact]
    public void CustomerWithEnoughHistoryIsMeasuredAgainstTheirOwnAverage()
    {
        var history = new CustomerHistory("DE", TransactionCount: 4, TotalAmountUsd: 100, RecentTransactions: 2);

        var features = FeatureBuilder.Build(Transaction(amount: 250m), history, minHistoryForTypicalAmount: 3);

        Assert.Equal(25, features.TypicalAmountUsd);
        Assert.Equal(10, features.AmountRatio, 9);
        Assert.Equal(2, features.RecentTransactions);
    }

    [Fact]
    public void ForeignWhenMerchantCountryDiffersFromHome()
    {
        var history = new CustomerHistory("FR", 1, 50, 0);

        Assert.True(FeatureBuilder.Build(Transaction(country: "DE"), history, 3).IsForeign);
        Assert.False(FeatureBuilder.Build(Transaction(country: "FR"), history, 3).IsForeign);
    }

    [Fact]
    public void AmountsAreConvertedToDollarsSoCurrenciesCompare()
    {
        var yen = FeatureBuilder.Build(Transaction(amount: 10_000m, currency: "JPY"), CustomerHistory.None, 3);

        Assert.Equal((double)(10_000m * Currencies.UsdPerUnit["JPY"]), yen.AmountUsd, 9);
    }

    [Fact]
    public void HourIsTheTerminalsLocalHour()
    {
        // 22:30 at UTC+2 is 20:30 UTC; the customer experiences 22:30.
        Assert.Equal(22, FeatureBuilder.Build(Transaction(), CustomerHistory.None, 3).HourOfDay);
    }
}

namespace LlmReference.FraudService.Scoring;

/// <summary>Turns a validated transaction and the customer's history into model features.</summary>
public static class FeatureBuilder
{
    public static TransactionFeatures Build(CardTransaction transaction, CustomerHistory history, int minHistoryForTypicalAmount)
    {
        var merchant = MerchantCategories.All[transaction.MerchantCategory];
        var amountUsd = Currencies.ToUsd(transaction.Amount, transaction.Currency);

        // A customer's own average is the better yardstick once there is enough of it; before that, the category's.
        var typical = history.TransactionCount >= minHistoryForTypicalAmount && history.TotalAmountUsd > 0
            ? history.TotalAmountUsd / history.TransactionCount
            : merchant.TypicalAmountUsd;

        // A new customer has no home country yet, so nothing is "foreign" on the first transaction.
        var isForeign = history.HomeCountry is not null && !string.Equals(history.HomeCountry, transaction.Country, StringComparison.Ordinal);

        return new TransactionFeatures(
            AmountUsd: amountUsd,
            TypicalAmountUsd: typical,
            IsForeign: isForeign,
            CardPresent: transaction.CardPresent,
            MerchantCategory: merchant.Name,
            MerchantRisk: merchant.Risk,
            HourOfDay: transaction.Timestamp.Hour,
            RecentTransactions: history.RecentTransactions);
    }
}

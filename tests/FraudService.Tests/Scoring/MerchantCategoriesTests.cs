using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Tests.Scoring;

/// <summary>FraudService's risk table against the shared contract's categories.</summary>
public sealed class MerchantCategoriesTests
{
    [Fact]
    public void EveryContractCategoryHasAProfileAndNoOtherIsAccepted()
    {
        Assert.Equal(MerchantCategoryNames.All.Order(StringComparer.Ordinal), MerchantCategories.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(MerchantCategory.OnlineMarketplace, "online_marketplace")]
    [InlineData(MerchantCategory.Crypto, "crypto")]
    public void WireNamesAreTheOnesOnTheApi(MerchantCategory category, string wire)
    {
        // The same spelling from the attribute-driven name table and from FraudService's JSON options.
        Assert.Equal(wire, category.ToWireName());
        Assert.Equal($"\"{wire}\"", System.Text.Json.JsonSerializer.Serialize(category, FraudJson.Options));
        Assert.True(MerchantCategoryNames.TryParse(wire, out var parsed));
        Assert.Equal(category, parsed);
    }
}

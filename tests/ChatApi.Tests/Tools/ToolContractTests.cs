using System.ComponentModel;
using System.Text.Json;
using LlmReference.ChatApi.Tools;
using LlmReference.FraudService.Contracts;
using LlmReference.FraudService.Scoring;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Tests.Tools;

/// <summary>The bank tools' schema against FraudService's contract, and the cache fingerprint computed from it.</summary>
public sealed class ToolContractTests
{
    private static KernelFunctionMetadata ScoreTransaction()
    {
        using var http = new HttpClient();
        return BankToolsPlugin.Create(() => http, 5, TimeProvider.System).GetFunctionsMetadata()
            .Single(f => f.Name == "score_transaction");
    }

    [Fact]
    public void ScoreTransactionOffersExactlyTheCategoriesFraudServiceScores()
    {
        // Fails when FraudService accepts a category the model cannot choose (or the tool offers one FraudService rejects).
        var category = ScoreTransaction().Parameters.Single(p => p.Name == "category");
        var offered = category.Schema!.RootElement.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();

        Assert.Equal(MerchantCategories.All.Keys.Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
        Assert.Contains("crypto", offered);
        Assert.Contains("online_marketplace", offered);
    }

    [Theory]
    [InlineData("crypto", MerchantCategory.Crypto)]
    [InlineData("online_marketplace", MerchantCategory.OnlineMarketplace)]
    public async Task TheModelsWireNameBindsToTheCategoryWhenArgumentsStayJson(string argument, MerchantCategory expected)
    {
        // A model's tool call carries the schema's wire name. Kept as JSON (function invocation passes the arguments as
        // JSON elements) it binds through the contract's converter; as a string SK would use Enum.Parse and refuse it.
        var kernel = new Kernel();
        var plugin = kernel.Plugins.AddFromType<CategoryEcho>("echo");
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>($$"""{"category":"{{argument}}"}""")!;

        var result = await kernel.InvokeAsync(plugin["echo"], new KernelArguments { ["category"] = arguments["category"] });

        Assert.Equal(expected, result.GetValue<MerchantCategory>());
    }

    [Fact]
    public void BankToolsFingerprintIsComputedFromTheirMetadata()
    {
        using var http = new HttpClient();
        var metadata = BankToolsPlugin.Create(() => http, 50, TimeProvider.System).GetFunctionsMetadata();

        // Independent of the settings the plugin acts with, dependent only on what the model is told.
        Assert.Equal(ToolFingerprint.Of(metadata), BankToolsPlugin.Fingerprint);
        Assert.StartsWith("tools:", BankToolsPlugin.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void FingerprintChangesWhenAToolsParameterSchemaChanges()
    {
        var before = ToolFingerprint.Of(KernelPluginFactory.CreateFromType<ToolBefore>("bank").GetFunctionsMetadata());
        var same = ToolFingerprint.Of(KernelPluginFactory.CreateFromType<ToolBefore>("bank").GetFunctionsMetadata());
        var widened = ToolFingerprint.Of(KernelPluginFactory.CreateFromType<ToolWithMoreCategories>("bank").GetFunctionsMetadata());
        var redescribed = ToolFingerprint.Of(KernelPluginFactory.CreateFromType<ToolRedescribed>("bank").GetFunctionsMetadata());

        Assert.Equal(before, same);
        Assert.NotEqual(before, widened);
        Assert.NotEqual(before, redescribed);
    }

    public enum FewCategories { Grocery, Travel }

    public enum MoreCategories { Grocery, Travel, Crypto }

    public sealed class CategoryEcho
    {
        [KernelFunction("echo")]
        public MerchantCategory Echo(MerchantCategory category) => category;
    }

    public sealed class ToolBefore
    {
        [KernelFunction("score"), Description("Scores a payment.")]
        public string Score([Description("Category")] FewCategories category) => category.ToString();
    }

    public sealed class ToolWithMoreCategories
    {
        [KernelFunction("score"), Description("Scores a payment.")]
        public string Score([Description("Category")] MoreCategories category) => category.ToString();
    }

    public sealed class ToolRedescribed
    {
        [KernelFunction("score"), Description("Scores a card payment.")]
        public string Score([Description("Category")] FewCategories category) => category.ToString();
    }
}

using LlmReference.TestSupport;
using LlmReference.ChatApi.Llm;
using LlmReference.ServiceDefaults.Slo;
using LlmReference.Tests.Shared;
using Microsoft.Extensions.Configuration;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Each default exists once: on its options property, documented there. appsettings.json holds only what differs from
/// it (and the price table, which is data), appsettings.Development.json only what differs in development.
/// </summary>
public sealed class AppSettingsDefaultsTests
{
    private static readonly System.Reflection.Assembly[] OptionsAssemblies = [typeof(LlmOptions).Assembly, typeof(SloMonitoringOptions).Assembly];

    [Fact]
    public void AppSettingsRepeatsNoDefault()
    {
        var repeated = RepeatedDefaults.InFile(Repository.Path("ChatApi", "appsettings.json"), baseFile: null, OptionsAssemblies);
        Assert.True(repeated.Count == 0, "ChatApi/appsettings.json lines to remove:\n" + string.Join("\n", repeated));
    }

    [Fact]
    public void DevelopmentSettingsRepeatNothing()
    {
        var repeated = RepeatedDefaults.InFile(
            Repository.Path("ChatApi", "appsettings.Development.json"), Repository.Path("ChatApi", "appsettings.json"), OptionsAssemblies);
        Assert.True(repeated.Count == 0, "ChatApi/appsettings.Development.json lines to remove:\n" + string.Join("\n", repeated));
    }

    [Fact]
    public void ARepeatedDefaultIsFound()
    {
        // The rule itself: a line equal to the C# default, to the base file, or read by nothing is reported; a change is not.
        Dictionary<string, string?> settings = new()
        {
            ["Chat:MaxMessageLength"] = "4000",
            ["ResponseCache:Semantic:EmbeddingModel"] = "bank-embed-small",
            ["Tools:FraudServiceUrl"] = "http://fraud",
            ["Chat:MaxOutputTokens"] = "512",
            ["Slo:Service"] = "chatapi",
        };

        var repeated = RepeatedDefaults.Find(settings, baseline: [], OptionsAssemblies);

        Assert.Equal(["Chat:MaxMessageLength", "ResponseCache:Semantic:EmbeddingModel", "Tools:FraudServiceUrl"], repeated.Select(r => r[..r.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Single(RepeatedDefaults.Find(new() { ["Slo:Service"] = "chatapi" }, baseline: settings, OptionsAssemblies));
    }

    [Fact]
    public void ThePriceTableIsConfigurationWithADefault()
    {
        var llm = new ConfigurationBuilder().AddInMemoryCollection(RepeatedDefaults.Leaves(Repository.Path("ChatApi", "appsettings.json"))).Build()
            .GetSection(LlmOptions.SectionName).Get<LlmOptions>()!;

        Assert.Empty(new LlmOptions().Prices);
        Assert.Equal(10.00m, llm.Prices["BANK-ASSIST-LARGE"].OutputPerMillionTokens);
        Assert.Equal(0.15m, llm.Prices["bank-assist-small"].InputPerMillionTokens);
    }
}

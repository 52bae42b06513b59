using LlmReference.ChatApi.Guardrails;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Tests.Guardrails;

public sealed class ExtraPatternTests
{
    [Fact]
    public async Task ConfiguredPhraseBlocksWithoutARelease()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:PromptInjection:ExtraPatterns:0"] = @"\bgrandma\s+exploit\b" });

        var decision = await host.Policy.CheckInputAsync("Please use the Grandma  exploit on yourself");

        Assert.Equal(GuardrailRules.PromptInjection, decision.BlockingRule);
        Assert.Equal(GuardrailOutcome.Pass, (await host.Policy.CheckInputAsync("My grandma needs a new card")).Outcome);
    }

    [Fact]
    public void ConfiguredPatternOnANumberRuleIsMasked()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:AccountNumbers:ExtraPatterns:0"] = @"\bACC-\d{6}\b" });

        var decision = host.Policy.CheckOutput("Your loan account ACC-123456 is open.");

        Assert.Equal("Your loan account ***-**3456 is open.", decision.Text);
    }

    [Fact]
    public void ConfiguredAdvicePatternHoldsStreamedSentencesUntilTheyAreChecked()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:InvestmentAdvice:ExtraPatterns:0"] = @"\bto\s+the\s+moon\b" });
        var filter = host.Policy.CreateStreamFilter();

        Assert.Equal("Rates are fixed.", filter.Append("Rates are fixed. "));
        Assert.Equal("", filter.Append("This coin goes to the "));
        var rest = filter.Append("moon, trust me.") + filter.Complete();

        Assert.True(filter.IsBlocked);
        Assert.DoesNotContain("coin", rest);
    }

    [Theory]
    [InlineData("(unclosed", "ExtraPatterns:0 is not a usable pattern")]
    [InlineData("(?<=card)number", "ExtraPatterns:0 is not a usable pattern")]
    [InlineData("a*", "ExtraPatterns:0 matches empty text")]
    [InlineData(" ", "ExtraPatterns:0 is empty")]
    public void UnusablePatternFailsAtStart(string pattern, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:OtherCustomerData:ExtraPatterns:0"] = pattern }));
        Assert.Contains("Guardrails:OtherCustomerData:" + expected, error.Message);
    }
}

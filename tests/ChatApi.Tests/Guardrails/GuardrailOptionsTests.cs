using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Tests.Guardrails;

public sealed class GuardrailOptionsTests
{
    [Fact]
    public void DefaultPolicyIsValid()
    {
        using var host = new GuardrailHost();
        Assert.NotNull(host.Policy);
    }

    [Theory]
    [InlineData("Guardrails:PromptInjection:Action", "Mask", "PromptInjection:Action cannot be Mask")]
    [InlineData("Guardrails:InvestmentAdvice:Action", "Mask", "InvestmentAdvice:Action cannot be Mask")]
    [InlineData("Guardrails:OtherCustomerData:Message", "", "OtherCustomerData:Message is required")]
    public void UnworkablePolicyFailsAtStart(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new GuardrailHost(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void OverlongMessageFailsAtStart()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:CardNumbers:Message"] = new string('x', 501) }));
        Assert.Contains("CardNumbers:Message is 501 characters", error.Message);
    }

    [Fact]
    public void UnknownActionFailsAtStart()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:CardNumbers:Action"] = "Shred" }));
        Assert.Contains("Shred", error.ToString());
    }

    [Fact]
    public void MaskingIsAllowedForNumberRulesAndBlockingWithAMessage()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?>
        {
            ["Guardrails:AccountNumbers:Action"] = "Block",
            ["Guardrails:PromptInjection:Action"] = "Log",
        });

        var decision = host.Policy.CheckOutput("Your account number 12345678 is open.");
        Assert.Equal(LlmReference.ChatApi.Guardrails.GuardrailOutcome.Block, decision.Outcome);
    }
}

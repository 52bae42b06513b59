using LlmReference.ChatApi.Guardrails;

namespace LlmReference.ChatApi.Tests.Guardrails;

public sealed class OutputGuardrailTests
{
    public static TheoryData<string> Advice => new()
    {
        "You should buy shares in Tesla before the results.",
        "I would recommend investing in an index fund for the long term.",
        "You should definitely sell your bitcoin now.",
        "Now is a good time to buy gold.",
        "I'd suggest that you invest in our partner's crypto fund.",
        "Buy Nvidia stock today, it will go up.",
        "Honestly, bitcoin is a great investment.",
    };

    public static TheoryData<string> Harmless => new()
    {
        "I can't give investment advice; please speak to a regulated financial adviser.",
        "You should contact us immediately to block your card.",
        "Our Easy Saver account pays 4.1% AER, variable.",
        "You should buy foreign currency before you travel to avoid fees.",
        "I recommend that you set up a standing order for your rent.",
        "You can sell your unused foreign currency back to us at any branch.",
    };

    [Theory]
    [MemberData(nameof(Advice))]
    public void InvestmentAdviceIsReplacedByTheRefusalMessage(string reply)
    {
        using var host = new GuardrailHost();
        var decision = host.Policy.CheckOutput(reply, "chatcmpl-advice");

        Assert.Equal(GuardrailOutcome.Block, decision.Outcome);
        Assert.Equal(GuardrailRules.InvestmentAdvice, decision.BlockingRule);
        Assert.Equal(new GuardrailOptions().InvestmentAdvice.Message, decision.Text);
    }

    [Theory]
    [MemberData(nameof(Harmless))]
    public void OrdinaryBankingReplyPasses(string reply)
    {
        using var host = new GuardrailHost();
        var decision = host.Policy.CheckOutput(reply);

        Assert.Equal(GuardrailOutcome.Pass, decision.Outcome);
        Assert.Equal(reply, decision.Text);
    }

    [Fact]
    public void LogOnlyRuleLetsTheReplyThroughButReportsTheFinding()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:InvestmentAdvice:Action"] = "Log" });
        var reply = "You should buy shares in Tesla.";

        var decision = host.Policy.CheckOutput(reply);

        Assert.Equal(GuardrailOutcome.Pass, decision.Outcome);
        Assert.Equal(reply, decision.Text);
        Assert.Equal(new GuardrailFinding(GuardrailRules.InvestmentAdvice, GuardrailAction.Log, 1), Assert.Single(decision.Findings));
    }

    [Fact]
    public void RuleSwitchedOffIsNotEvaluated()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:CardNumbers:Action"] = "Off" });

        var decision = host.Policy.CheckOutput("Card 4111 1111 1111 1111");

        Assert.Equal(GuardrailOutcome.Pass, decision.Outcome);
        Assert.DoesNotContain(host.Decisions.GetMeasurementSnapshot(), m => (string?)m.Tags[GuardrailTelemetry.Tags.Rule] == GuardrailRules.CardNumber);
    }

    [Fact]
    public void DisabledPolicyPassesEverythingWithoutTelemetry()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:Enabled"] = "false" });

        var decision = host.Policy.CheckOutput("You should buy shares. Card 4111 1111 1111 1111");

        Assert.Equal(GuardrailOutcome.Pass, decision.Outcome);
        Assert.Empty(host.Decisions.GetMeasurementSnapshot());
    }

    [Fact]
    public void ConfiguredMessageIsWhatTheCustomerSees()
    {
        using var host = new GuardrailHost(new Dictionary<string, string?> { ["Guardrails:InvestmentAdvice:Message"] = "Please ask an adviser." });

        Assert.Equal("Please ask an adviser.", host.Policy.CheckOutput("You should buy shares in Tesla.").Text);
    }
}

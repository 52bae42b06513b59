using LlmReference.ChatApi.Guardrails;

namespace LlmReference.ChatApi.Tests.Guardrails;

/// <summary>Each rule's own declaration of what a streamed reply must hold back for it.</summary>
public sealed class StreamHoldBackTests
{
    [Fact]
    public void EveryRuleThatReadsRepliesDeclaresWhatItHoldsBack()
    {
        // A new output rule must say what it needs held back; borrowing "none" from the input rules would let
        // streamed text through that the rule later masks or blocks.
        Assert.All(GuardrailRules.All.Where(r => r.Stages.HasFlag(GuardrailStage.Output)),
            rule => Assert.NotSame(StreamHoldBacks.None, rule.HoldBack));
    }

    [Theory]
    [InlineData("Your card 4111 11", "Your card ")]
    [InlineData("Call us on - ", "Call us on - ")]
    [InlineData("Done.", "Done.")]
    public void TrailingNumberWaitsForTheNumberToEnd(string window, string released) =>
        Assert.Equal(released, window[..StreamHoldBacks.TrailingNumber(window, window.Length, new GuardrailRuleOptions { Action = GuardrailAction.Mask }, null)]);

    [Fact]
    public void AdviceSentenceWaitsOnlyWhenTheRuleBlocks()
    {
        const string window = "Thanks. I recommend that you buy";
        var block = new GuardrailRuleOptions { Action = GuardrailAction.Block };
        var log = new GuardrailRuleOptions { Action = GuardrailAction.Log };

        Assert.Equal("Thanks.", window[..StreamHoldBacks.AdviceSentence(window, window.Length, block, null)]);
        Assert.Equal(window, window[..StreamHoldBacks.AdviceSentence(window, window.Length, log, null)]);
    }

    [Fact]
    public void WithOperatorPatternsEverySentenceWaits()
    {
        const string window = "Thanks. Your balance is";
        var settings = new GuardrailRuleOptions { Action = GuardrailAction.Block, ExtraPatterns = ["moon"] };

        Assert.Equal("Thanks.", window[..StreamHoldBacks.AdviceSentence(window, window.Length, settings, null)]);
    }
}

using LlmReference.ModelServer.Tools;

namespace LlmReference.ModelServer.Tests;

/// <summary>The answer written after a tool call reads the tool's result, whatever shape it comes in.</summary>
public sealed class ToolResultTests
{
    [Fact]
    public void StructuredFraudResultBecomesAPlainAnswerWithItsScoreDecisionAndReasons()
    {
        var answer = ToolResultResponder.Respond(
        [
            new ToolResult("bank-score_transaction", """
                {"score":0.94,"decision":"decline","reasons":[{"code":"amount_large","description":"The amount is large."},"Made at night."]}
                """),
        ]);

        Assert.Contains("the score transaction tool", answer);
        Assert.Contains("0.94 (decline)", answer);
        Assert.Contains("The amount is large; Made at night.", answer);
        Assert.DoesNotContain("bank-", answer);
        Assert.Contains("freeze your card", answer);
    }

    [Fact]
    public void LowRiskResultSaysNoActionIsNeeded()
    {
        var answer = ToolResultResponder.Respond([new ToolResult("score", """{"score":0.01,"decision":"approve"}""")]);

        Assert.Contains("no action is needed", answer);
        Assert.DoesNotContain("suspicious", answer);
    }

    [Fact]
    public void PlainTextResultIsQuoted()
    {
        var answer = ToolResultResponder.Respond([new ToolResult("bank-recent_transactions", "No transactions yet.")]);

        Assert.Equal("I checked with the recent transactions tool, which returned: No transactions yet..", answer);
    }
}

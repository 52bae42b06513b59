using LlmReference.ModelServer.Knowledge;

namespace LlmReference.ModelServer.Tests;

/// <summary>Retrieval and conversation handling of the built-in knowledge base, without HTTP.</summary>
public sealed class KnowledgeTests
{
    private static readonly KnowledgeBase Knowledge = new();
    private readonly ConversationResponder _responder = new(Knowledge);

    [Theory]
    [InlineData("I want to open a current account", "current-account")]
    [InlineData("What does the premium account give me?", "premium-current-account")]
    [InlineData("What interest do I get on easy access savings?", "easy-access-savings")]
    [InlineData("Can I lock my money away in a fixed rate bond?", "fixed-term-savings")]
    [InlineData("How much interest do you charge when I'm overdrawn?", "overdraft-fees")]
    [InlineData("Do you charge a fee for card payments overseas?", "foreign-transaction-fees")]
    [InlineData("How much is a new card if mine is damaged?", "card-replacement-fees")]
    [InlineData("My wallet was stolen with my card in it", "lost-stolen-card")]
    [InlineData("How can I temporarily block my card?", "freeze-card")]
    [InlineData("I forgot my PIN", "card-pin")]
    [InlineData("I got a text asking for my one-time code, is it a scam?", "phishing")]
    [InlineData("I was charged twice by a shop, can I get a chargeback?", "disputes")]
    [InlineData("I got a 'was this you' fraud alert", "fraud-alerts")]
    [InlineData("What is the daily transfer limit?", "payment-limits")]
    [InlineData("What is this app and how does it work?", "app-overview")]
    [InlineData("What does ChatApi do?", "chatapi")]
    [InlineData("How does FraudService score a transaction?", "fraudservice")]
    [InlineData("The model is down, what is the runbook for a model outage?", "runbook-model-outage")]
    [InlineData("We are getting 429 too many requests from the model", "runbook-rate-limited")]
    [InlineData("Responses are slow, time to first token is high", "runbook-high-latency")]
    [InlineData("Where are the runbooks?", "runbooks")]
    [InlineData("I just got paged, which runbook do I follow?", "runbooks")]
    [InlineData("What is an error budget?", "error-budget")]
    [InlineData("What does a burn rate of 14.4 mean for the SLO?", "error-budget")]
    [InlineData("Fraud model precision is below the floor, should I roll back the model?", "runbook-fraud-model")]
    [InlineData("PSI shows drift on the amount feature", "runbook-fraud-model")]
    public void QuestionRetrievesTheMatchingEntry(string question, string expectedEntry)
    {
        Assert.Equal(expectedEntry, Knowledge.Best(question)?.Id);
    }

    [Theory]
    [InlineData("What's the weather like in Paris?")]
    [InlineData("Write me a poem about autumn")]
    public void UnrelatedQuestionMatchesNothing(string question)
    {
        Assert.Null(Knowledge.Best(question));
    }

    [Fact]
    public void RecallAtTheStartOfAConversationSaysSo()
    {
        var answer = _responder.Respond([new Turn("user", "What did I just ask?")], seed: 1);

        Assert.StartsWith("This is the start of our conversation", answer.Text);
    }

    [Fact]
    public void VagueFollowUpBorrowsTheTopicOfThePreviousTurn()
    {
        var answer = _responder.Respond(
            [new Turn("user", "Tell me about the premium account"), new Turn("assistant", "..."), new Turn("user", "and how much is it per month?")],
            seed: 1);

        Assert.Equal("premium-current-account", answer.EntryId);
    }

    [Fact]
    public void SeedChangesOnlyThePhrasingNotTheFacts()
    {
        var answers = Enumerable.Range(0, 20)
            .Select(seed => _responder.Respond([new Turn("user", "What is the overdraft fee?")], seed))
            .ToList();

        Assert.All(answers, a => Assert.Equal("overdraft-fees", a.EntryId));
        Assert.True(answers.Select(a => a.Text).Distinct().Count() > 1);
        Assert.Equal(answers[3].Text, _responder.Respond([new Turn("user", "What is the overdraft fee?")], 3).Text);
    }
}

using System.ClientModel;
using Microsoft.ML.Tokenizers;
using OpenAI.Chat;
using OpenAI.Models;

namespace LlmReference.ModelServer.Tests;

/// <summary>The official OpenAI .NET client against the running server.</summary>
public sealed class OpenAIClientTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForModel("gpt-4o");

    [Fact]
    public async Task NonStreamingCompletionAnswersFromKnowledgeBaseWithUsage()
    {
        var client = factory.CreateChatClient();

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("How do I freeze my card?")]);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ModelServerFactory.LargeModel, completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id);
        var text = completion.Content[0].Text;
        Assert.Contains("Cards > Freeze", text);
        Assert.Equal(O200k.CountTokens(text), completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > O200k.CountTokens("How do I freeze my card?"));
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task StreamingCompletionSendsTokensAndFinalUsage()
    {
        var client = factory.CreateChatClient();
        var text = new System.Text.StringBuilder();
        var contentUpdates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("What are the overdraft fees?")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
                contentUpdates++;
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Contains("19.9% EAR", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(O200k.CountTokens(text.ToString()), usage.OutputTokenCount);
        Assert.Equal(usage.OutputTokenCount, contentUpdates);
    }

    [Fact]
    public async Task ModelsListShowsTheServedChatAndEmbeddingModels()
    {
        var models = new OpenAIModelClient(new ApiKeyCredential("unused"), factory.OpenAIOptions());

        OpenAIModelCollection list = await models.GetModelsAsync();

        Assert.Equal([ModelServerFactory.LargeModel, ModelServerFactory.EmbeddingModel], list.Select(m => m.Id).ToArray());
    }

    [Fact]
    public async Task UnknownModelIsRejectedWith404()
    {
        var client = factory.CreateChatClient("gpt-4o");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hello")]));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message);
    }

    [Fact]
    public async Task SameConversationGetsTheSameAnswer()
    {
        var client = factory.CreateChatClient();
        ChatMessage[] conversation = [new SystemChatMessage("You are a bank assistant."), new UserChatMessage("Is there a fee for a replacement card?")];

        ChatCompletion first = await client.CompleteChatAsync(conversation);
        ChatCompletion second = await client.CompleteChatAsync(conversation);

        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
        Assert.Contains("replacement debit card is free", first.Content[0].Text);
    }

    [Fact]
    public async Task FollowUpQuestionNamesTheTopicOfTheEarlierTurn()
    {
        var client = factory.CreateChatClient();
        var history = new List<ChatMessage> { new UserChatMessage("What are the fees for using my card abroad?") };
        ChatCompletion first = await client.CompleteChatAsync(history);
        history.Add(new AssistantChatMessage(first));
        history.Add(new UserChatMessage("What did I just ask about?"));

        ChatCompletion second = await client.CompleteChatAsync(history);

        Assert.Contains("foreign transaction fee", first.Content[0].Text);
        Assert.Contains("You just asked about foreign transaction fees", second.Content[0].Text);
        Assert.Contains("What are the fees for using my card abroad?", second.Content[0].Text);
    }

    [Fact]
    public async Task TellMeMoreContinuesThePreviousTopic()
    {
        var client = factory.CreateChatClient();
        var history = new List<ChatMessage> { new UserChatMessage("I lost my card, what should I do?") };
        ChatCompletion first = await client.CompleteChatAsync(history);
        history.Add(new AssistantChatMessage(first));
        history.Add(new UserChatMessage("Tell me more about that"));

        ChatCompletion second = await client.CompleteChatAsync(history);

        Assert.Contains("freeze it straight away", first.Content[0].Text);
        Assert.StartsWith("More on a lost or stolen card:", second.Content[0].Text);
    }

    [Fact]
    public async Task MaxTokensCutsTheAnswerWithFinishReasonLength()
    {
        var client = factory.CreateChatClient();

        ChatCompletion completion = await client.CompleteChatAsync(
            [new UserChatMessage("Tell me about the Easy Access savings account")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
        Assert.Equal(5, O200k.CountTokens(completion.Content[0].Text));
    }

    [Fact]
    public async Task StopSequenceEndsTheAnswerBeforeIt()
    {
        var client = factory.CreateChatClient();
        var options = new ChatCompletionOptions();
        options.StopSequences.Add("AER");

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("What interest does easy access savings pay?")], options);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.EndsWith("3.10% ", completion.Content[0].Text);
    }

    [Fact]
    public async Task UnrelatedQuestionGetsAPlausibleFallback()
    {
        var client = factory.CreateChatClient();

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Who won the football world cup in 1966?")]);

        Assert.Matches("(not sure|outside what I know|don't have information)", completion.Content[0].Text);
    }
}

using System.Text.Json;
using OpenAI.Chat;

namespace LlmReference.ModelServer.Tests;

/// <summary>Tool calls through the official OpenAI client: the call, then the answer that uses the tool's result.</summary>
public sealed class ToolCallWireTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    private static readonly ChatTool ScoreTool = ChatTool.CreateFunctionTool(
        "score_card_payment",
        "Scores a card payment for fraud risk",
        BinaryData.FromString("""
            {"type":"object","properties":{"amount":{"type":"number"},"merchant":{"type":"string"},"country":{"type":"string"}},"required":["amount","merchant","country"]}
            """));

    [Fact]
    public async Task FraudQuestionGetsAToolCallThenAnAnswerUsingItsResult()
    {
        var client = factory.CreateChatClient();
        var options = new ChatCompletionOptions { Tools = { ScoreTool } };
        var history = new List<ChatMessage> { new UserChatMessage("A payment of 120 EUR from Zalando in Germany, does that look suspicious?") };

        ChatCompletion call = await client.CompleteChatAsync(history, options);
        var toolCall = Assert.Single(call.ToolCalls);
        using var arguments = JsonDocument.Parse(toolCall.FunctionArguments);
        history.Add(new AssistantChatMessage(call));
        history.Add(new ToolChatMessage(toolCall.Id, """{"score":0.12,"riskLevel":"low"}"""));
        ChatCompletion answer = await client.CompleteChatAsync(history, options);

        Assert.Equal(ChatFinishReason.ToolCalls, call.FinishReason);
        Assert.Equal("score_card_payment", toolCall.FunctionName);
        Assert.Equal(120, arguments.RootElement.GetProperty("amount").GetDouble());
        Assert.Equal("Zalando", arguments.RootElement.GetProperty("merchant").GetString());
        Assert.Equal("Germany", arguments.RootElement.GetProperty("country").GetString());
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Contains("score of 0.12 (low)", answer.Content[0].Text);
        Assert.Contains("no action is needed", answer.Content[0].Text);
    }

    [Fact]
    public async Task ToolChoiceNoneAnswersWithoutCallingATool()
    {
        var client = factory.CreateChatClient();
        var options = new ChatCompletionOptions { Tools = { ScoreTool }, ToolChoice = ChatToolChoice.CreateNoneChoice() };

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Is a $90 charge fraudulent?")], options);

        Assert.Empty(completion.ToolCalls);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
    }

    [Fact]
    public async Task StreamedToolCallArrivesInPiecesThatFormValidJson()
    {
        var client = factory.CreateChatClient();
        var options = new ChatCompletionOptions { Tools = { ScoreTool } };
        var arguments = new System.Text.StringBuilder();
        string? name = null;
        ChatFinishReason? finish = null;
        var updates = 0;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Is a $3,000 payment at Lucky Spins Casino in Panama a scam?")], options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                name ??= part.FunctionName;
                arguments.Append(part.FunctionArgumentsUpdate?.ToString());
                updates++;
            }

            finish ??= update.FinishReason;
        }

        using var parsed = JsonDocument.Parse(arguments.ToString());
        Assert.Equal("score_card_payment", name);
        Assert.True(updates > 3);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal(3000, parsed.RootElement.GetProperty("amount").GetDouble());
        Assert.Equal("Lucky Spins Casino", parsed.RootElement.GetProperty("merchant").GetString());
        Assert.Equal("Panama", parsed.RootElement.GetProperty("country").GetString());
    }
}

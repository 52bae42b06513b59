using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;

namespace LlmReference.ModelServer.Tests;

/// <summary>Semantic Kernel's OpenAI connector, with no API key (it then sends an empty bearer), against the running server.</summary>
public sealed class SemanticKernelTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    private const string SuspiciousPayment = "Does a card payment of $842.50 at Crypto Exchange Ltd in Nigeria look fraudulent?";

    [Fact]
    public async Task NonStreamingChatReturnsAnswerAndUsage()
    {
        var (kernel, chat) = CreateKernel();
        var history = new ChatHistory("You are a helpful bank assistant.");
        history.AddUserMessage("What is the interest rate on the fixed term savings bond?");

        var reply = await chat.GetChatMessageContentAsync(history, kernel: kernel);

        Assert.Contains("4.05% AER", reply.Content);
        var usage = Assert.IsType<ChatTokenUsage>(reply.Metadata!["Usage"], exactMatch: false);
        Assert.True(usage.InputTokenCount > 0);
        Assert.True(usage.OutputTokenCount > 10);
    }

    [Fact]
    public async Task StreamingChatReturnsAnswerAndUsageOnTheLastUpdate()
    {
        var (kernel, chat) = CreateKernel();
        var history = new ChatHistory();
        history.AddUserMessage("What happens when I get a fraud alert?");
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;

        await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, kernel: kernel))
        {
            text.Append(update.Content);
            if (update.Metadata?.TryGetValue("Usage", out var u) == true && u is ChatTokenUsage tokenUsage)
            {
                usage = tokenUsage;
            }
        }

        Assert.Contains("Was this you?", text.ToString());
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 10);
    }

    [Fact]
    public async Task AutoFunctionCallingReachesTheKernelFunctionWithArgumentsFromTheUserText()
    {
        var fraud = new FraudPlugin();
        var (kernel, chat) = CreateKernel(fraud);
        var history = new ChatHistory();
        history.AddUserMessage(SuspiciousPayment);
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);

        var call = Assert.Single(fraud.Calls);
        Assert.Equal(842.50m, call.Amount);
        Assert.Equal("Crypto Exchange Ltd", call.Merchant);
        Assert.Equal("Nigeria", call.Country);
        Assert.Contains("0.91", reply.Content);
        Assert.Contains("freeze your card", reply.Content);
    }

    [Fact]
    public async Task StreamingAutoFunctionCallingCompletesTheRoundTrip()
    {
        var fraud = new FraudPlugin();
        var (kernel, chat) = CreateKernel(fraud);
        var history = new ChatHistory();
        history.AddUserMessage("Is this legit? A €49.99 payment to Netflix in France.");
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var text = new System.Text.StringBuilder();

        await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel))
        {
            text.Append(update.Content);
        }

        var call = Assert.Single(fraud.Calls);
        Assert.Equal(49.99m, call.Amount);
        Assert.Equal("Netflix", call.Merchant);
        Assert.Equal("France", call.Country);
        Assert.Contains("fraud risk score of 0.91", text.ToString());
    }

    private (Kernel Kernel, IChatCompletionService Chat) CreateKernel(object? plugin = null)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion(ModelServerFactory.LargeModel, endpoint: factory.V1, apiKey: null, httpClient: new HttpClient());
        if (plugin is not null)
        {
            builder.Plugins.AddFromObject(plugin, "Fraud");
        }

        var kernel = builder.Build();
        return (kernel, kernel.GetRequiredService<IChatCompletionService>());
    }

    public sealed record ScoredPayment(decimal Amount, string Merchant, string Country);

    public sealed class FraudPlugin
    {
        public List<ScoredPayment> Calls { get; } = [];

        [KernelFunction("score_transaction"), Description("Scores a card transaction for fraud risk between 0 and 1.")]
        public string ScoreTransaction(
            [Description("Amount of the payment")] decimal amount,
            [Description("Name of the merchant")] string merchant,
            [Description("Country where the payment was made")] string country)
        {
            Calls.Add(new ScoredPayment(amount, merchant, country));
            return JsonSerializer.Serialize(new { score = 0.91, decision = "decline", reasons = new[] { "high-risk merchant category", "unusual country" } });
        }
    }
}

using Microsoft.Extensions.AI;

namespace LlmReference.ModelServer.Tests;

/// <summary>A Microsoft.Extensions.AI <see cref="IChatClient"/> (over the OpenAI client) against the running server.</summary>
public sealed class ExtensionsAITests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    [Fact]
    public async Task GetResponseReturnsAnswerAndUsage()
    {
        using var client = factory.CreateChatClient().AsIChatClient();

        var response = await client.GetResponseAsync("How do I change my PIN?");

        Assert.Contains("Cards > Show PIN", response.Text);
        Assert.Equal(ModelServerFactory.LargeModel, response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage?.InputTokenCount > 0);
        Assert.True(response.Usage?.OutputTokenCount > 10);
    }

    [Fact]
    public async Task StreamingResponseReturnsAnswerAndUsage()
    {
        using var client = factory.CreateChatClient().AsIChatClient();
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in client.GetStreamingResponseAsync("Someone called asking for my one-time code, is that a scam?"))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Contains("never ask you for your password", response.Text);
        Assert.True(updates.Count > 10);
        Assert.True(response.Usage?.OutputTokenCount > 10);
    }

    [Fact]
    public async Task EmbeddingGeneratorReturnsUnitVectors()
    {
        using var generator = factory.CreateEmbeddingClient().AsIEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["freeze my card", "block my debit card"]);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(v => (double)v * v)), 3));
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
    }
}

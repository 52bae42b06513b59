using System.ClientModel;
using OpenAI.Embeddings;

namespace LlmReference.ModelServer.Tests;

/// <summary><c>/v1/embeddings</c> through the official client (which asks for base64).</summary>
public sealed class EmbeddingsTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    [Theory]
    [InlineData("How do I freeze my card?", "What's the way to block my debit card?", "What interest rate does the savings account pay?")]
    [InlineData("My card was stolen yesterday", "Someone stole my card", "Can I open a fixed term bond?")]
    [InlineData("What are the fees for paying abroad?", "Is there a foreign transaction fee?", "How do I reset my PIN?")]
    [InlineData("The model server is returning 429 too many requests", "We are being rate limited by the model", "What is the overdraft interest rate?")]
    public async Task ParaphrasesScoreCloserThanUnrelatedText(string text, string paraphrase, string unrelated)
    {
        var client = factory.CreateEmbeddingClient();

        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync([text, paraphrase, unrelated]);

        var vectors = result.Select(e => e.ToFloats().ToArray()).ToArray();
        Assert.True(Cosine(vectors[0], vectors[1]) > Cosine(vectors[0], vectors[2]) + 0.05,
            $"paraphrase {Cosine(vectors[0], vectors[1]):0.000} vs unrelated {Cosine(vectors[0], vectors[2]):0.000}");
    }

    [Fact]
    public async Task VectorsAreUnitLengthWithTheConfiguredDimensionAndUsage()
    {
        var client = factory.CreateEmbeddingClient();

        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(["What is the Premium account?", "overdraft"]);

        Assert.All(result, e =>
        {
            var vector = e.ToFloats().ToArray();
            Assert.Equal(256, vector.Length);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
        });
        Assert.Equal(ModelServerFactory.EmbeddingModel, result.Model);
        Assert.True(result.Usage.InputTokenCount >= 6);
    }

    [Fact]
    public async Task SameTextGivesTheSameVectorAndDimensionsShortensIt()
    {
        var client = factory.CreateEmbeddingClient();

        OpenAIEmbedding first = await client.GenerateEmbeddingAsync("lost card");
        OpenAIEmbedding second = await client.GenerateEmbeddingAsync("lost card");
        OpenAIEmbedding shortened = await client.GenerateEmbeddingAsync("lost card", new EmbeddingGenerationOptions { Dimensions = 64 });

        Assert.Equal(first.ToFloats().ToArray(), second.ToFloats().ToArray());
        Assert.Equal(64, shortened.ToFloats().Length);
    }

    [Fact]
    public async Task ChatModelIsNotAnEmbeddingModel()
    {
        var client = factory.CreateEmbeddingClient(ModelServerFactory.LargeModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateEmbeddingAsync("hello"));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task StopWordsOnlyStillGiveAUnitVector()
    {
        var client = factory.CreateEmbeddingClient();

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("the");

        Assert.Equal(1.0, Math.Sqrt(embedding.ToFloats().ToArray().Sum(v => (double)v * v)), 4);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"\"")]
    [InlineData("[\"ok\", 42]")]
    [InlineData("[99999999]")]
    public async Task InvalidInputIsRejectedNamingInput(string input)
    {
        using var http = factory.CreateHttpClient();
        var body = $$"""{"model":"{{ModelServerFactory.EmbeddingModel}}","input":{{input}}}""";

        using var response = await http.PostAsync("/v1/embeddings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("input", (string?)(await ChatRequests.ReadJsonAsync(response))["error"]!["param"]);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
}

using LlmReference.ChatApi.Llm;

namespace LlmReference.ChatApi.Tests;

/// <summary>The deployment connection string, in the form Aspire's OpenAI integrations use.</summary>
public sealed class LlmConnectionStringTests
{
    private const string SecretKey = "sk-test-must-never-appear-0123456789";

    [Theory]
    [InlineData("Endpoint=https://api.openai.com/v1;Key=sk-1;Model=gpt-4o-mini", "https://api.openai.com/v1", "gpt-4o-mini", "sk-1")]
    [InlineData("Endpoint=https://bank.openai.azure.com/openai/v1/;Key=k;Deployment=chat", "https://bank.openai.azure.com/openai/v1/", "chat", "k")]
    [InlineData("Endpoint=https://bank.openai.azure.com/openai/v1/;Key=k;DeploymentName=chat", "https://bank.openai.azure.com/openai/v1/", "chat", "k")]
    [InlineData("endpoint=http://localhost:11434/v1; model=llama3.2", "http://localhost:11434/v1", "llama3.2", null)]
    [InlineData("Model=bank-assist-large;Endpoint=http://localhost:5180/v1;Key=", "http://localhost:5180/v1", "bank-assist-large", null)]
    [InlineData("Endpoint=http://gateway/v1;Key=\"a;b=c\";Model=m;Provider=ignored", "http://gateway/v1", "m", "a;b=c")]
    public void ParsesTheAspireForm(string connectionString, string endpoint, string model, string? key)
    {
        Assert.Equal(new LlmConnectionString(new Uri(endpoint), model, key), LlmConnectionString.Parse("model", connectionString));
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:model is missing")]
    [InlineData("  ", "ConnectionStrings:model is missing")]
    [InlineData("Endpoint", "ConnectionStrings:model is not a list of Name=Value pairs")]
    [InlineData("Model=m", "ConnectionStrings:model has no Endpoint")]
    [InlineData("Endpoint=http://localhost/v1", "ConnectionStrings:model has no Model")]
    [InlineData("Endpoint=localhost:11434;Model=m", "ConnectionStrings:model: Endpoint must be an absolute http or https URL")]
    [InlineData("Endpoint=ftp://host/v1;Model=m", "ConnectionStrings:model: Endpoint must be an absolute http or https URL")]
    [InlineData("Endpoint=http://localhost/v1;Model=a;Deployment=b", "ConnectionStrings:model names the model twice (Model, Deployment)")]
    [InlineData("Endpoint=https://api.openai.com/v1;Model=gpt-4o-mini", "has no Key, and api.openai.com refuses calls without one")]
    [InlineData("Endpoint=https://bank.openai.azure.com/openai/v1/;Deployment=chat", "has no Key, and bank.openai.azure.com refuses calls without one")]
    public void ErrorsNameTheConnectionStringAndTheKey(string? connectionString, string expected)
    {
        Assert.False(LlmConnectionString.TryParse("model", connectionString, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData($"Endpoint=https://api.openai.com/v1 Key={SecretKey};Model=m")]
    [InlineData($"Endpoint=https://api.openai.com/v1;Model=m;Key={SecretKey};Deployment=x")]
    [InlineData($"Key={SecretKey}")]
    public void ErrorsNeverShowTheValue(string connectionString)
    {
        Assert.False(LlmConnectionString.TryParse("model", connectionString, out _, out var error));
        Assert.DoesNotContain(SecretKey, error);
    }

    [Fact]
    public void AKeylessGatewayOverHttpsIsAllowed()
    {
        // Only hosts known to refuse keyless calls need a key: a company gateway may authenticate otherwise.
        Assert.Null(LlmConnectionString.Parse("model", "Endpoint=https://llm.internal.example/v1;Model=m").Key);
    }
}

using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Tests;

[Collection(ChatApiCollection.Name)]
public sealed class OptionsValidationTests(ChatApiEnvironment environment)
{
    private const string SecretKey = "sk-test-must-never-appear-0123456789";

    private async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        await using var host = new ChatApiHost(environment, settings);
        var exception = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        var validation = exception as OptionsValidationException
            ?? exception.InnerException as OptionsValidationException
            ?? (exception as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(validation is not null, $"expected an options validation failure, got {exception}");
        return validation.Message;
    }

    [Fact]
    public async Task OpenAIWithoutKeyFailsStart()
    {
        var message = await StartFailureAsync(new() { ["Llm:Provider"] = "OpenAI", ["Llm:Model"] = "gpt-4o-mini" });
        Assert.Contains("Llm:ApiKey is required when Llm:Provider is OpenAI", message);
    }

    [Fact]
    public async Task AzureOpenAIWithoutEndpointFailsStartWithoutShowingTheKey()
    {
        var message = await StartFailureAsync(new()
        {
            ["Llm:Provider"] = "AzureOpenAI",
            ["Llm:Model"] = "my-deployment",
            ["Llm:ApiKey"] = SecretKey,
        });
        Assert.Contains("Llm:Endpoint is required when Llm:Provider is AzureOpenAI", message);
        Assert.DoesNotContain(SecretKey, message);
    }

    [Fact]
    public async Task RealProviderWithoutModelFailsStart()
    {
        var message = await StartFailureAsync(new() { ["Llm:Provider"] = "Ollama", ["Llm:Model"] = "" });
        Assert.Contains("Llm:Model is required", message);
    }

    [Fact]
    public async Task RelativeEndpointFailsStart()
    {
        var message = await StartFailureAsync(new() { ["Llm:Endpoint"] = "/v1" });
        Assert.Contains("absolute http or https URL", message);
    }

    [Theory]
    [InlineData("Chat:MaxMessageLength", "0")]
    [InlineData("Chat:MaxRequestBodyBytes", "10")]
    [InlineData("Sessions:MaxTurns", "0")]
    [InlineData("Sessions:Ttl", "00:00:00")]
    public async Task OutOfRangeLimitFailsStart(string key, string value)
    {
        var message = await StartFailureAsync(new() { [key] = value });
        Assert.Contains(key.Split(':')[1], message);
    }

    [Theory]
    [InlineData(LlmProvider.Local, "http://model/v1")]
    [InlineData(LlmProvider.Ollama, "http://localhost:11434/v1")]
    [InlineData(LlmProvider.OpenAI, "https://api.openai.com/v1")]
    public void ProviderPicksItsDefaultEndpoint(LlmProvider provider, string expected)
    {
        Assert.Equal(new Uri(expected), new LlmOptions { Provider = provider }.ResolveEndpoint());
    }

    [Fact]
    public void ConfiguredEndpointWinsOverTheProviderDefault()
    {
        var options = new LlmOptions { Provider = LlmProvider.AzureOpenAI, Endpoint = new Uri("https://bank.openai.azure.com/openai/v1/") };
        Assert.Equal(new Uri("https://bank.openai.azure.com/openai/v1/"), options.ResolveEndpoint());
    }

    [Fact]
    public void LocalProviderDefaultsToTheModelServersModel()
    {
        Assert.Equal("bank-assist-large", new LlmOptions().ResolveModel());
    }

    [Fact]
    public async Task StartsAndAnswersWithOnlyTheAppHostsSettings()
    {
        // No test overrides at all: appsettings.json plus what the AppHost injects must be enough.
        await using var host = new ChatApiHost(environment, testDefaults: false);
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("Hello from a default configuration");

        Assert.Equal("model", reply.Deployment);
    }

    [Fact]
    public async Task AnyProviderUsesTheSameOpenAICompatiblePath()
    {
        // Ollama settings pointed at the model server: only the endpoint differs from Local.
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "Ollama",
            ["Llm:Endpoint"] = environment.ModelServer.V1Endpoint.ToString(),
            ["Llm:Model"] = "bank-assist-large",
        });
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("Hello from a configured endpoint");

        Assert.Equal("bank-assist-large", reply.Model);
    }
}

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
    public async Task MissingConnectionStringFailsStartNamingIt()
    {
        var message = await StartFailureAsync(new() { ["Llm:Deployments:0"] = "model", ["Llm:Deployments:1"] = "model-fallback" });
        Assert.Contains("ConnectionStrings:model-fallback is missing", message);
    }

    [Fact]
    public async Task ToolsWithoutFraudServicesKeyFailStartNamingIt()
    {
        var message = await StartFailureAsync(new() { ["Tools:Enabled"] = "true", ["Tools:FraudApiKey"] = "" });
        Assert.Contains("Tools:FraudApiKey is not set", message);
    }

    [Fact]
    public async Task OpenAIWithoutKeyFailsStart()
    {
        var message = await StartFailureAsync(new() { ["ConnectionStrings:model"] = "Endpoint=https://api.openai.com/v1;Model=gpt-4o-mini" });
        Assert.Contains("ConnectionStrings:model has no Key, and api.openai.com refuses calls without one", message);
    }

    [Fact]
    public async Task ConnectionStringWithoutEndpointOrModelFailsStartWithoutShowingTheKey()
    {
        var message = await StartFailureAsync(new() { ["ConnectionStrings:model"] = $"Key={SecretKey}" });
        Assert.Contains("ConnectionStrings:model has no Endpoint", message);
        Assert.Contains("ConnectionStrings:model has no Model", message);
        Assert.DoesNotContain(SecretKey, message);
    }

    [Fact]
    public async Task RelativeEndpointFailsStart()
    {
        var message = await StartFailureAsync(new() { ["ConnectionStrings:model"] = "Endpoint=/v1;Model=bank-assist-large" });
        Assert.Contains("ConnectionStrings:model: Endpoint must be an absolute http or https URL", message);
    }

    [Fact]
    public async Task DeploymentListedTwiceFailsStart()
    {
        var message = await StartFailureAsync(new() { ["Llm:Deployments:0"] = "model", ["Llm:Deployments:1"] = "model" });
        Assert.Contains("Llm:Deployments:1 'model' is listed twice", message);
    }

    [Fact]
    public async Task NegativePriceFailsStart()
    {
        var message = await StartFailureAsync(new() { ["Llm:Prices:bank-assist-small:OutputPerMillionTokens"] = "-1" });
        Assert.Contains("Llm:Prices:bank-assist-small has a negative price", message);
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

    [Fact]
    public void DeploymentsAreTheConnectionStringsInTheConfiguredOrder()
    {
        var options = new LlmOptions { Deployments = ["model", "model-fallback"] };
        options.ConnectionStrings["model"] = "Endpoint=https://bank.openai.azure.com/openai/v1/;Key=k1;Deployment=gpt-4o";
        options.ConnectionStrings["model-fallback"] = "Endpoint=http://localhost:11434/v1;Model=llama3.2";

        var deployments = options.ResolveDeployments();

        Assert.Equal(
            [
                new LlmDeployment("model", new Uri("https://bank.openai.azure.com/openai/v1/"), "gpt-4o", "k1", "llm"),
                new LlmDeployment("model-fallback", new Uri("http://localhost:11434/v1"), "llama3.2", null, "llm-model-fallback"),
            ],
            deployments);
        Assert.Equal("gpt-4o", options.ResolveModel());
    }

    [Fact]
    public void WithoutAListTheOnlyDeploymentIsModel()
    {
        Assert.Equal(["model"], new LlmOptions().DeploymentNames);
    }

    [Fact]
    public async Task StartsAndAnswersWithOnlyTheAppHostsSettings()
    {
        // No test overrides at all: appsettings.json plus what the AppHost injects must be enough.
        await using var host = new ChatApiHost(environment, testDefaults: false);
        // The production rate limit applies, counted in the shared Garnet: a caller no other test spent it for.
        using var client = host.CreateClient().As(ChatClient.NewUserId("defaults"));

        var reply = await client.ChatAsync("Hello from a default configuration");

        Assert.Equal("model", reply.Deployment);
    }

    [Fact]
    public async Task AnyProviderUsesTheSameOpenAICompatiblePath()
    {
        // A provider's connection string (Azure OpenAI's Deployment key, a key) pointed at the model server: only the
        // connection string differs from the local wiring.
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["ConnectionStrings:model"] = $"Endpoint={environment.ModelServer.V1Endpoint};Key={SecretKey};Deployment=bank-assist-large",
        });
        using var client = host.CreateClient();

        var reply = await client.ChatAsync("Hello from a configured endpoint");

        Assert.Equal("model", reply.Deployment);
        Assert.Equal("bank-assist-large", reply.Model);
    }
}

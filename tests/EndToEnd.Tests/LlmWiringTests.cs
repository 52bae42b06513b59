using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// What the AppHost hands ChatApi about its siblings, read from the application model without starting anything:
/// each model deployment as a connection string built from the model resource's own endpoint, their order, and
/// FraudService through service discovery. ChatApi itself holds no sibling's address, port or model.
/// </summary>
public sealed class LlmWiringTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task LocalDeploymentsArriveAsConnectionStringsOfTheirEndpoints()
    {
        var (resources, environment) = await ChatApiEnvironmentAsync();

        Assert.Equal("Endpoint={model.bindings.http.url}/v1;Model=bank-assist-large", Expression(environment["ConnectionStrings__model"]));
        Assert.Equal("Endpoint={model-fallback.bindings.http.url}/v1;Model=bank-assist-small", Expression(environment["ConnectionStrings__model-fallback"]));
        Assert.Equal("model", environment["Llm__Deployments__0"]);
        Assert.Equal("model-fallback", environment["Llm__Deployments__1"]);
        Assert.False(environment.ContainsKey("Llm__Deployments__2"));
        Assert.Contains(resources, r => r is ProjectResource { Name: "model" });
        Assert.Contains(resources, r => r is ProjectResource { Name: "model-fallback" });

        // No service discovery entries or provider settings for the models: the connection strings are all ChatApi gets.
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("services__model", StringComparison.Ordinal));
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Llm__", StringComparison.Ordinal)
            && !k.StartsWith("Llm__Deployments__", StringComparison.Ordinal) && k != "Llm__CaptureContent");
        // FraudService is found the Aspire way: its logical name, resolved from the variable WithReference passes.
        Assert.Contains("services__fraud__http__0", environment.Keys);
    }

    [Fact]
    public async Task ARealProviderIsOneConnectionStringAndStartsNoModelServer()
    {
        const string openAI = "Endpoint=https://api.openai.com/v1;Key=sk-test-0123;Model=gpt-4o-mini";

        var (resources, environment) = await ChatApiEnvironmentAsync($"--ConnectionStrings:model={openAI}");

        Assert.Equal(openAI, await ((ReferenceExpression)environment["ConnectionStrings__model"]).GetValueAsync(CancellationToken.None));
        Assert.Equal("model", environment["Llm__Deployments__0"]);
        Assert.False(environment.ContainsKey("Llm__Deployments__1"));
        Assert.False(environment.ContainsKey("ConnectionStrings__model-fallback"));
        Assert.DoesNotContain(resources, r => r is ProjectResource { Name: "model" or "model-fallback" });
        // The connection string holds the key: the dashboard shows it as a secret parameter.
        Assert.True(Assert.Single(resources.OfType<ParameterResource>(), p => p.Name == "model").Secret);
    }

    [Fact]
    public async Task ARealProviderCanHaveAFallback()
    {
        const string azure = "Endpoint=https://bank.openai.azure.com/openai/v1/;Key=k;Deployment=gpt-4o";
        const string ollama = "Endpoint=http://localhost:11434/v1;Model=llama3.2";

        var (_, environment) = await ChatApiEnvironmentAsync($"--ConnectionStrings:model={azure}", $"--ConnectionStrings:model-fallback={ollama}");

        Assert.Equal(azure, await ((ReferenceExpression)environment["ConnectionStrings__model"]).GetValueAsync(CancellationToken.None));
        Assert.Equal(ollama, await ((ReferenceExpression)environment["ConnectionStrings__model-fallback"]).GetValueAsync(CancellationToken.None));
        Assert.Equal("model-fallback", environment["Llm__Deployments__1"]);
    }

    [Fact]
    public async Task AFallbackWithoutAPrimaryIsAnErrorNamingBothKeys()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            ChatApiEnvironmentAsync("--ConnectionStrings:model-fallback=Endpoint=http://localhost:11434/v1;Model=llama3.2"));

        var message = error.ToString();
        Assert.Contains("ConnectionStrings:model-fallback is set but ConnectionStrings:model is not", message);
    }

    /// <summary>The AppHost's resources and ChatApi's environment as the AppHost would set it, without starting the app.</summary>
    private static async Task<(IReadOnlyList<IResource> Resources, Dictionary<string, object> Environment)> ChatApiEnvironmentAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--environment=Development", .. args],
            (options, _) => options.DisableDashboard = true).WaitAsync(BuildTimeout);
        await using var app = await builder.BuildAsync().WaitAsync(BuildTimeout);

        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var chatapi = model.Resources.OfType<ProjectResource>().Single(r => r.Name == "chatapi");
        var context = new EnvironmentCallbackContext(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), chatapi, []);
        foreach (var callback in chatapi.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return ([.. model.Resources], context.EnvironmentVariables);
    }

    /// <summary>A value as the manifest writes it: endpoints as <c>{resource.bindings.http.url}</c> placeholders.</summary>
    private static string Expression(object value) => Assert.IsType<ReferenceExpression>(value).ValueExpression;
}

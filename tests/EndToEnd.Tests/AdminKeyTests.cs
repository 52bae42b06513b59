using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// The admin keys are generated per run unless configured: <c>Parameters:model-admin-key</c> and
/// <c>Parameters:cache-admin-key</c> (user secrets, environment or command line, as the README shows) set them, so the
/// <c>/admin</c> APIs can be called with curl. Read from the application model without starting anything.
/// </summary>
public sealed class AdminKeyTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AConfiguredAdminKeyIsTheOneEveryAdminApiGets()
    {
        var (model, fallback, cache) = await AdminKeysAsync(
            "--Parameters:model-admin-key=readme-model-key-0123456789", "--Parameters:cache-admin-key=readme-cache-key-0123456789");

        Assert.Equal("readme-model-key-0123456789", model);
        Assert.Equal("readme-model-key-0123456789", fallback);
        Assert.Equal("readme-cache-key-0123456789", cache);
    }

    [Fact]
    public async Task WithoutConfigurationTheKeysAreGenerated()
    {
        var (model, fallback, cache) = await AdminKeysAsync();

        Assert.True(model.Length >= 32, model);
        Assert.Equal(model, fallback);
        Assert.True(cache.Length >= 32, cache);
        Assert.NotEqual(model, cache);
    }

    /// <summary>The admin key each server process would be given (its environment as the AppHost sets it).</summary>
    private static async Task<(string Model, string Fallback, string Cache)> AdminKeysAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--environment=Development", .. args],
            (options, _) => options.DisableDashboard = true).WaitAsync(BuildTimeout);
        await using var app = await builder.BuildAsync().WaitAsync(BuildTimeout);
        var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().ToList();
        var executionContext = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();

        async Task<string> KeyAsync(string resource, string variable)
        {
            var project = resources.Single(r => r.Name == resource);
            var context = new EnvironmentCallbackContext(executionContext, project, []);
            foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            var parameter = Assert.IsType<ParameterResource>(context.EnvironmentVariables[variable]);
            return await parameter.GetValueAsync(CancellationToken.None) ?? "";
        }

        return (await KeyAsync("model", "ModelServer__AdminKey"), await KeyAsync("model-fallback", "ModelServer__AdminKey"),
            await KeyAsync("cache-server", "CacheServer__AdminKey"));
    }
}

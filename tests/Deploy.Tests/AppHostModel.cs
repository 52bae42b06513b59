using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.Deploy.Tests;

/// <summary>A service as the AppHost runs it: the variables it receives, its endpoints and its declared probes.</summary>
internal sealed record AppHostService(string Name, IReadOnlySet<string> Environment, IReadOnlySet<string> Endpoints, IReadOnlySet<string> Probes);

/// <summary>Reads the AppHost's resource graph through Aspire.Hosting.Testing, building it without starting anything.</summary>
internal static class AppHostModel
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Every project, container and executable resource with the environment the AppHost would give it when run
    /// (its environment callbacks evaluated, nothing started). <paramref name="change"/> edits the graph first, as a
    /// future AppHost might.
    /// </summary>
    public static async Task<IReadOnlyList<AppHostService>> ReadAsync(string[] args, Action<IDistributedApplicationTestingBuilder>? change = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            args, (options, _) => options.DisableDashboard = true).WaitAsync(BuildTimeout);
        change?.Invoke(builder);
        await using var app = await builder.BuildAsync().WaitAsync(BuildTimeout);

        var execution = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var services = new List<AppHostService>();
        foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            // Exact ExecutableResource: the per-project rebuilders Aspire adds are executables of a derived type.
            if (resource is not (ProjectResource or ContainerResource) && resource.GetType() != typeof(ExecutableResource))
            {
                continue;
            }

            var context = new EnvironmentCallbackContext(execution, resource, []);
            foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

#pragma warning disable ASPIREPROBES001 // The probe annotations are what the AppHost declares for deployments.
            var probes = resource.Annotations.OfType<EndpointProbeAnnotation>()
                .Select(p => Manifests.Probe(p.Type.ToString().ToLowerInvariant(), p.Path, p.EndpointReference.EndpointName));
#pragma warning restore ASPIREPROBES001

            services.Add(new AppHostService(
                resource.Name,
                context.EnvironmentVariables.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase),
                resource.Annotations.OfType<EndpointAnnotation>().Select(e => e.Name).ToHashSet(StringComparer.Ordinal),
                probes.ToHashSet(StringComparer.Ordinal)));
        }

        return services;
    }
}

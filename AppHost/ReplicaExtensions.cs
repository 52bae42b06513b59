using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static class ReplicaExtensions
{
    /// <summary>The most replicas a service may be given here: each is a full process on this machine.</summary>
    public const int MaxReplicas = 10;

    /// <summary>
    /// Runs <c>Replicas:{resource name}</c> instances of the service (AppHost configuration: appsettings,
    /// <c>Replicas__chatapi=3</c>, or <c>dotnet run --project AppHost -- --Replicas:chatapi=3</c>). Default 1. Aspire
    /// puts a proxy on the service's endpoint that spreads connections over the replicas; every piece of per-user state
    /// (sessions, budgets, rate limits, streams) is in the cache, so any replica can answer any request.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfiguredReplicas(this IResourceBuilder<ProjectResource> resource)
    {
        var key = $"Replicas:{resource.Resource.Name}";
        var replicas = resource.ApplicationBuilder.Configuration.GetValue(key, 1);
        if (replicas is < 1 or > MaxReplicas)
        {
            throw new InvalidOperationException($"{key} is {replicas}; it must be between 1 and {MaxReplicas}.");
        }

        return replicas == 1 ? resource : resource.WithReplicas(replicas);
    }
}

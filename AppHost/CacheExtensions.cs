using Aspire.Hosting.ApplicationModel;
using LlmReference.AppHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>How the <c>cache</c> resource is provided. Set with <c>Cache:Mode</c> in AppHost configuration.</summary>
public enum CacheMode
{
    /// <summary>An embedded Garnet server (project <c>CacheServer</c>): no container runtime needed. The default.</summary>
    Garnet,

    /// <summary>A Redis container (<c>Aspire.Hosting.Redis</c>); needs Docker or Podman.</summary>
    Container,

    /// <summary>An existing Redis-compatible server given as <c>ConnectionStrings:cache</c>.</summary>
    ConnectionString,
}

/// <summary>The <c>cache</c> resource, plus what its clients must wait for before they start.</summary>
public sealed record CacheResource(IResourceBuilder<IResourceWithConnectionString> Cache, IResourceBuilder<IResource>? Server);

public static class CacheExtensions
{
    public const string ResourceName = "cache";

    /// <summary>Adds the Redis-protocol <c>cache</c> in the mode <c>Cache:Mode</c> selects (default <see cref="CacheMode.Garnet"/>).</summary>
    public static CacheResource AddCache(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue("Cache:Mode", CacheMode.Garnet);
        switch (mode)
        {
            case CacheMode.Container:
                var redis = builder.AddRedis(ResourceName);
                return new CacheResource(redis, redis);

            case CacheMode.ConnectionString:
                return new CacheResource(builder.AddConnectionString(ResourceName), Server: null);

            default:
                // Garnet runs as its own project on a port Aspire allocates; clients see a plain connection string,
                // so AddRedisClient("cache") is identical in every mode.
                var server = builder.AddProject<Projects.CacheServer>("cache-server")
                    .WithEndpoint(name: "tcp", scheme: "tcp", env: "CacheServer__Port", isProxied: false);
                var endpoint = server.GetEndpoint("tcp");

                var healthCheckName = "cache-server-ping";
                builder.Services.AddHealthChecks().AddCheck(healthCheckName, new RespPingHealthCheck(endpoint));
                server.WithHealthCheck(healthCheckName);

                var connection = builder.AddConnectionString(
                    ResourceName,
                    ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}"));
                return new CacheResource(connection, server);
        }
    }

    /// <summary>References the cache (<c>ConnectionStrings__cache</c>) and waits until it answers.</summary>
    public static IResourceBuilder<T> WithCache<T>(this IResourceBuilder<T> resource, CacheResource cache)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        resource.WithReference(cache.Cache);
        if (cache.Server is not null)
        {
            resource.WaitFor(cache.Server);
        }

        return resource;
    }
}

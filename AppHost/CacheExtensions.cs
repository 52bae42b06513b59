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

    /// <summary>The embedded Garnet project behind <see cref="ResourceName"/> in <see cref="CacheMode.Garnet"/> mode.</summary>
    public const string ServerName = "cache-server";

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
                return builder.AddGarnetCache();
        }
    }

    /// <summary>
    /// The embedded Garnet: its own project (<c>cache-server</c>) on a port Aspire allocates, persistent in
    /// <see cref="DataDirectory"/>, with a keyed admin API behind the "Pause cache", "Resume cache" and "Flush cache"
    /// commands. Clients see a plain connection string (<c>cache</c>), so AddRedisClient("cache") is identical in every mode.
    /// </summary>
    private static CacheResource AddGarnetCache(this IDistributedApplicationBuilder builder)
    {
        // One generated key for the admin API; never printed.
        var adminKey = builder.AddParameter(
            "cache-admin-key",
            new GenerateParameterDefault { MinLength = 32, Special = false },
            secret: true);

        var server = builder.AddProject<Projects.CacheServer>(ServerName)
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "CacheServer__Port", isProxied: false)
            .WithEnvironment("CacheServer__DataDirectory", DataDirectory(builder))
            .WithEnvironment("CacheServer__AdminKey", adminKey)
            .WithCacheChaosCommands(adminKey);
        var endpoint = server.GetEndpoint("tcp");

        // Healthy only when Garnet answers PING: a paused or stopped server turns both resources Unhealthy.
        var healthCheckName = "cache-server-ping";
        builder.Services.AddHealthChecks().AddCheck(healthCheckName, new RespPingHealthCheck(endpoint));
        server.WithHealthCheck(healthCheckName);

        var connection = builder.AddConnectionString(
                ResourceName,
                ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}"))
            // The connection string is what clients reference; shown under its server, with the server's health, so the
            // Resources page does not show a green cache while nothing answers on its port.
            .WithParentRelationship(server)
            .WithHealthCheck(healthCheckName);
        return new CacheResource(connection, server);
    }

    /// <summary>
    /// Where the embedded Garnet keeps its append-only file and checkpoints: <c>Cache:DataDirectory</c>, relative to the
    /// AppHost project, by default <c>AppHost/.data/cache</c> (git-ignored). Beside the project rather than in a temp
    /// folder: it survives reboots and temp cleaners, each checkout has its own, and it is where a developer looks to
    /// wipe it (stop the app, delete the folder).
    /// </summary>
    public static string DataDirectory(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration["Cache:DataDirectory"] ?? Path.Combine(".data", "cache"), builder.AppHostDirectory);

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

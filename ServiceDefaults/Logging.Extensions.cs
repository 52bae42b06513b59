using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Libraries whose Information logs are connection and start-up chatter (StackExchange.Redis announcing every
    /// connect step, HttpClient logging each request twice, the embedded Garnet's start-up banner under the <c>Garnet</c> root
    /// CacheServer gives it): Warning by default.
    /// </summary>
    public static readonly IReadOnlyList<string> ChattyLogCategories =
    [
        "StackExchange.Redis",
        "System.Net.Http.HttpClient",
        "Garnet",
        // Two lines per request, health probes included (the services' appsettings say the same; the load generator has none).
        "Microsoft.AspNetCore",
    ];

    /// <summary>
    /// Sets <see cref="ChattyLogCategories"/> to Warning as the lowest-priority configuration source, so that
    /// appsettings, environment variables or the command line (<c>Logging__LogLevel__StackExchange.Redis=Information</c>)
    /// still override it.
    /// </summary>
    public static TBuilder AddQuietLibraryLogging<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var defaults = ChattyLogCategories.ToDictionary(c => $"Logging:LogLevel:{c}", _ => (string?)"Warning");
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        return builder;
    }
}

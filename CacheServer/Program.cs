using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using LlmReference.CacheServer;

// A Redis-protocol cache for machines without a container runtime: Garnet, embedded in a generic host so that
// Aspire can start, health-check and stop it like any other project resource.
var builder = Host.CreateApplicationBuilder(args);

builder.Services.AddOptions<CacheServerOptions>()
    .BindConfiguration(CacheServerOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<GarnetHostedService>();

await builder.Build().RunAsync();

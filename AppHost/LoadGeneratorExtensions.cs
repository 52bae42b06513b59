using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class LoadGeneratorExtensions
{
    public const string ResourceName = "loadgen";

    /// <summary>
    /// Adds <c>loadgen</c>: the load generator in serve mode, idle until a dashboard command (<see cref="LoadCommands"/>)
    /// starts a run against <paramref name="chatapi"/> and <paramref name="fraud"/>. Its progress logs and its
    /// <c>LoadGenerator</c> meter reach the dashboard like any service's.
    /// </summary>
    /// <remarks>
    /// The references give it the targets (<c>services__chatapi__http__0</c>, <c>services__fraud__http__0</c>), which
    /// are loopback here, so the generator's loopback-only rule holds unchanged. It waits for both to be Healthy:
    /// load is only meaningful against a system that has started, and an idle generator costs nothing meanwhile.
    /// </remarks>
    public static IResourceBuilder<ProjectResource> AddLoadGenerator(
        this IDistributedApplicationBuilder builder,
        IResourceBuilder<ProjectResource> chatapi,
        IResourceBuilder<ProjectResource> fraud,
        IResourceBuilder<ParameterResource> fraudApiKey) =>
        builder.AddProject<Projects.LoadGenerator>(ResourceName)
            .WithArgs("serve")
            .WithEnvironment("LoadHost__FraudApiKey", fraudApiKey)
            .WithHttpEndpoint(name: "http")
            .WithHttpHealthCheck("/health")
            .WithServiceDefaultsProbes()
            .WithReference(chatapi)
            .WithReference(fraud)
            .WaitFor(chatapi)
            .WaitFor(fraud)
            .WithPostCommands(LoadCommands.All);
}

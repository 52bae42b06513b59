using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace LlmReference.Deploy.Tests;

/// <summary>
/// The manifests keep up with the AppHost: a service, environment variable, endpoint or probe the AppHost gains
/// fails these tests until deploy/kubernetes carries it too (or <see cref="Parity.AppHostOnly"/> says why a cluster
/// does without it). The AppHost's graph is read without starting anything.
/// </summary>
public sealed class AppHostParityTests
{
    [SkippableTheory]
    [InlineData(Overlays.Dev)]
    [InlineData(Overlays.Prod)]
    public async Task TheOverlayCarriesEveryServiceVariableEndpointAndProbeOfTheAppHost(string overlay)
    {
        Tool.Kubectl.SkipIfUnavailable();
        var contract = OverlayContract.For(overlay);

        var services = await AppHostModel.ReadAsync(contract.AppHostArgs);
        var differences = Parity.Differences(services, Manifests.Parse(await Overlays.RenderAsync(overlay)), contract.NotDeployed);

        Assert.True(differences.Count == 0, $"deploy/kubernetes/overlays/{overlay} lacks what the AppHost gives:\n" + string.Join('\n', differences));
        // The comparison covered the services that matter, not an empty list.
        Assert.Contains(services, s => s.Name == "chatapi" && s.Environment.Contains("ConnectionStrings__cache") && s.Probes.Count == 2);
        Assert.Contains(services, s => s.Name == "fraud");
    }

    [Fact]
    public async Task AManifestMissingOneVariableIsReportedByName()
    {
        var services = await AppHostModel.ReadAsync(OverlayContract.Dev.AppHostArgs);
        var chatapi = services.Single(s => s.Name == "chatapi");
        var others = services.Where(s => s.Name != "chatapi").ToDictionary(s => s.Name, _ => "not under test");

        // A manifest that carries everything the AppHost gives chatapi, but one variable.
        var complete = Manifests.Parse(ManifestFor(chatapi, leaveOut: null));
        var incomplete = Manifests.Parse(ManifestFor(chatapi, leaveOut: "Llm__Deployments__1"));

        Assert.Empty(Parity.Differences(services, complete, others));
        Assert.Equal(["chatapi: environment variable Llm__Deployments__1 is not set"], Parity.Differences(services, incomplete, others));
    }

    [SkippableFact]
    public async Task TheRenderedOverlayLosingAVariableFailsTheCheck()
    {
        Tool.Kubectl.SkipIfUnavailable();
        var services = await AppHostModel.ReadAsync(OverlayContract.Dev.AppHostArgs);

        var yaml = Manifests.ReplaceInDocument(await Overlays.RenderAsync(Overlays.Dev), "kind: ConfigMap", "name: chatapi-config", "  Llm__Deployments__1: model-fallback\n", "");

        Assert.Equal(
            ["chatapi: environment variable Llm__Deployments__1 is not set"],
            Parity.Differences(services, Manifests.Parse(yaml), OverlayContract.Dev.NotDeployed));
    }

    [SkippableFact]
    public async Task AnAppHostThatGainsAVariableAServiceOrAProbeFailsTheCheck()
    {
        Tool.Kubectl.SkipIfUnavailable();

        var services = await AppHostModel.ReadAsync(OverlayContract.Dev.AppHostArgs, builder =>
        {
            var chatapi = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "chatapi"));
            chatapi.WithEnvironment("Chat__MaxMessageLength", "2000");
            builder.AddProject<Projects.FraudService>("fraud-shadow");
            var fraud = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "fraud"));
#pragma warning disable ASPIREPROBES001
            fraud.WithAnnotation(new EndpointProbeAnnotation { Type = ProbeType.Startup, EndpointReference = fraud.GetEndpoint("http"), Path = "/ready" });
#pragma warning restore ASPIREPROBES001
        });
        var differences = Parity.Differences(services, Manifests.Parse(await Overlays.RenderAsync(Overlays.Dev)), OverlayContract.Dev.NotDeployed);

        Assert.Equal(
            [
                "chatapi: environment variable Chat__MaxMessageLength is not set",
                "fraud: no startup /ready on http probe",
                "fraud-shadow: no Deployment named fraud-shadow",
            ],
            differences);
    }

    /// <summary>A Deployment and Service for <paramref name="service"/> with its variables (less one), ports and probes.</summary>
    private static string ManifestFor(AppHostService service, string? leaveOut)
    {
        var env = string.Concat(service.Environment
            .Where(name => name != leaveOut)
            .Select(name => $"            - name: {name}\n              value: x\n"));
        var ports = string.Concat(service.Endpoints.Select((name, i) => $"            - name: {name}\n              containerPort: {8080 + i}\n"));
        var probes = string.Concat(service.Probes.Select(probe =>
        {
            var parts = probe.Split(' ');
            return $"          {parts[0]}Probe:\n            httpGet:\n              path: {parts[1]}\n              port: {parts[3]}\n";
        }));
        var servicePorts = string.Concat(service.Endpoints.Select((name, i) => $"    - name: {name}\n      port: {8080 + i}\n"));
        return $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {service.Name}
            spec:
              template:
                spec:
                  containers:
                    - name: {service.Name}
                      env:
            {env}          ports:
            {ports}{probes}---
            apiVersion: v1
            kind: Service
            metadata:
              name: {service.Name}
            spec:
              ports:
            {servicePorts}
            """;
    }
}

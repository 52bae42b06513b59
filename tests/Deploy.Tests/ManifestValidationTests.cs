namespace LlmReference.Deploy.Tests;

/// <summary>
/// Every overlay renders with kubectl's kustomize and every object it renders is valid against the Kubernetes, KEDA
/// and prometheus-operator schemas (deploy/kubernetes/validate), all offline; and the validator does reject what the
/// API server would.
/// </summary>
public sealed class ManifestValidationTests
{
    [SkippableTheory]
    [InlineData(Overlays.Dev)]
    [InlineData(Overlays.Prod)]
    public async Task EveryRenderedObjectIsValid(string overlay)
    {
        Tool.Kubectl.SkipIfUnavailable();
        Tool.Node.SkipIfUnavailable();

        var yaml = await Overlays.RenderAsync(overlay);
        var result = await Overlays.ValidateAsync(yaml);

        Assert.True(result.ExitCode == 0, result.ToString());
        var objects = Manifests.Parse(yaml);
        // One "ok" line per rendered object: nothing was skipped for want of a schema.
        Assert.Equal(objects.Count, result.Output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Contains($"{objects.Count} objects, 0 invalid", result.Output);
    }

    [SkippableTheory]
    [InlineData(Overlays.Dev, new[] { "Deployment/chatapi", "Deployment/fraud", "Deployment/redis", "Deployment/model", "Deployment/model-fallback", "Deployment/loadgen", "NetworkPolicy/redis-ingress" })]
    [InlineData(Overlays.Prod, new[] { "Deployment/chatapi", "Deployment/fraud", "ScaledObject/chatapi", "HorizontalPodAutoscaler/fraud", "ServiceMonitor/chatapi", "ServiceMonitor/fraud" })]
    public async Task EachOverlayRendersWhatItPromises(string overlay, string[] expected)
    {
        Tool.Kubectl.SkipIfUnavailable();

        var objects = Manifests.Parse(await Overlays.RenderAsync(overlay));

        Assert.All(expected, e => Assert.Contains(e, objects.Select(o => $"{o.Kind}/{o.Name}")));
        // Nothing secret is committed for production: its Secrets are created by hand, so none is rendered.
        Assert.Equal(overlay == Overlays.Prod, objects.All(o => o.Kind != "Secret"));
    }

    [SkippableFact]
    public async Task ADeploymentWithAStringReplicaCountIsRejected()
    {
        Tool.Kubectl.SkipIfUnavailable();
        Tool.Node.SkipIfUnavailable();
        var yaml = await Overlays.RenderAsync(Overlays.Dev);

        // The dev overlay pins chatapi to one replica; the same document with replicas: "two" is what a typo looks like.
        var broken = Manifests.ReplaceInDocument(yaml, "kind: Deployment", "name: chatapi\n", "replicas: 1\n", "replicas: \"two\"\n");
        var result = await Overlays.ValidateAsync(broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid Deployment/chatapi: /spec/replicas must be integer", result.Output);
        Assert.Contains("1 invalid", result.Output);
    }

    [SkippableFact]
    public async Task AKindNoSchemaDescribesIsRejectedNotSkipped()
    {
        Tool.Node.SkipIfUnavailable();

        var result = await Overlays.ValidateAsync("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid Widget/w: no schema for example.com/v1 Widget", result.Output);
    }

    [SkippableFact]
    public async Task EmptyInputIsAFailure()
    {
        Tool.Node.SkipIfUnavailable();

        var result = await Overlays.ValidateAsync("# nothing here\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no Kubernetes objects", result.Output);
    }
}

using LlmReference.TestSupport;

namespace LlmReference.Deploy.Tests;

/// <summary>The kustomize overlays under <c>deploy/kubernetes/overlays</c>, rendered the way CI and operators do.</summary>
internal static class Overlays
{
    public const string Dev = "dev";
    public const string Prod = "prod";

    public static readonly string ValidatorScript = Repository.Path("deploy", "kubernetes", "validate", "validate.mjs");

    /// <summary><c>kubectl kustomize deploy/kubernetes/overlays/NAME</c>: the rendered YAML, or an exception with kubectl's error.</summary>
    public static async Task<string> RenderAsync(string overlay)
    {
        var result = await Tool.Kubectl.RunAsync(null, "kustomize", Path.Combine("deploy", "kubernetes", "overlays", overlay));
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {overlay} failed: {result}");
        return result.Output;
    }

    /// <summary>Runs the committed validator (validate.mjs) on rendered YAML.</summary>
    public static Task<Tool.Result> ValidateAsync(string yaml) => Tool.Node.RunAsync(yaml, ValidatorScript);
}

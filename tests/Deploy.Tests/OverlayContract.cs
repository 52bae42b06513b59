namespace LlmReference.Deploy.Tests;

/// <summary>
/// Which AppHost configuration an overlay deploys, and the AppHost resources it replaces or leaves out (with why).
/// Each overlay is compared with the AppHost run the way that environment would run it.
/// </summary>
internal sealed record OverlayContract(string Overlay, string[] AppHostArgs, IReadOnlyDictionary<string, string> NotDeployed)
{
    /// <summary>dev: the AppHost's defaults (embedded cache, two local model servers, the load generator).</summary>
    public static OverlayContract Dev { get; } = new(
        Overlays.Dev,
        ["--environment=Development"],
        new Dictionary<string, string>
        {
            ["cache-server"] = "the Redis image (Deployment redis) stands in for the embedded Garnet; clients get the same ConnectionStrings__cache",
        });

    /// <summary>prod: a real provider and an existing Redis, both by connection string, as the AppHost supports them.</summary>
    public static OverlayContract Prod { get; } = new(
        Overlays.Prod,
        [
            "--environment=Production",
            "--ConnectionStrings:model=Endpoint=https://provider.example/v1;Key=placeholder;Model=gpt-4o-mini",
            "--Cache:Mode=ConnectionString",
            "--ConnectionStrings:cache=redis.example:6380,ssl=true",
        ],
        new Dictionary<string, string>
        {
            ["loadgen"] = "a load generator has no place in production",
        });

    public static OverlayContract For(string overlay) => overlay == Overlays.Dev ? Dev : Prod;
}

namespace LlmReference.Slo.Tests;

/// <summary>The repository's SLO specs, and made-up ones for cases the repository does not have.</summary>
internal static class Specs
{
    public static IReadOnlyList<SloSpec> Repository { get; } = SloSpecReader.ReadDirectory(TestSupport.Repository.Path("slo"));

    public static SloSpec Named(string name) => Assert.Single(Repository, s => s.Name == name);

    public static SloSpec WithObjective(double objective) => new(
        "demo-availability",
        "Demo availability",
        "Demo.",
        "demo",
        objective,
        $"{objective:P1} ok",
        TimeSpan.FromDays(30),
        SeriesSelector.Parse("demo_requests_total{outcome=\"ok\"}"),
        SeriesSelector.Parse("demo_requests_total"),
        "DemoAvailabilityBudgetBurn")
    {
        Source = "demo.yaml",
    };
}

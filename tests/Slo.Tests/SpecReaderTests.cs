using LlmReference.TestSupport;

namespace LlmReference.Slo.Tests;

public class SpecReaderTests
{
    private const string Valid = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: demo-availability
          displayName: Demo availability
          annotations:
            llmreference/alert: DemoAvailabilityBudgetBurn
        spec:
          description: Demo.
          service: demo
          indicator:
            metadata:
              name: demo-ok
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: demo_requests_total{outcome="ok"}
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: demo_requests_total
          timeWindow:
            - duration: 30d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - displayName: 99.5% ok
              target: 0.995
        """;

    [Fact]
    public void RepositorySpecsAreValid()
    {
        var specs = SloSpecReader.ReadDirectory(Repository.Path("slo"));
        Assert.Contains(specs, s => s.Name == "chatapi-availability" && s.Objective == 0.999 && s.Service == "chatapi");
        Assert.All(specs, s => Assert.Equal(TimeSpan.FromDays(30), s.Period));
        Assert.All(specs, s => Assert.EndsWith(".yaml", s.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidSpecIsReadWithEveryField()
    {
        var spec = Assert.Single(SloSpecReader.Read(Valid, "demo.yaml"));

        Assert.Equal("demo-availability", spec.Name);
        Assert.Equal("Demo availability", spec.DisplayName);
        Assert.Equal("demo", spec.Service);
        Assert.Equal(0.995, spec.Objective);
        Assert.Equal("99.5% ok", spec.ObjectiveDisplayName);
        Assert.Equal(TimeSpan.FromDays(30), spec.Period);
        Assert.Equal("demo_requests_total{outcome=\"ok\"}", spec.Good.ToString());
        Assert.Equal("demo_requests_total", spec.Total.ToString());
        Assert.Equal("DemoAvailabilityBudgetBurn", spec.AlertName);
        Assert.Equal("docs/runbooks/DemoAvailabilityBudgetBurn.md", spec.RunbookPath);
        Assert.Equal("demo.yaml", spec.Source);
        Assert.Equal(0.005, spec.ErrorBudget, 12);
    }

    [Theory]
    [InlineData("apiVersion: openslo/v1", "apiVersion: openslo/v2alpha", "apiVersion must be 'openslo/v1', not 'openslo/v2alpha'")]
    [InlineData("kind: SLO", "kind: SLI", "kind must be 'SLO'")]
    [InlineData("  service: demo\n", "", "spec.service is missing")]
    [InlineData("query: demo_requests_total{outcome=\"ok\"}", "query: sum(rate(demo_requests_total[5m]))", "ratioMetric.good:")]
    [InlineData("query: demo_requests_total\n", "query: demo_requests_total{outcome=\"ok\"\n", "ratioMetric.total:")]
    [InlineData("isRolling: true", "isRolling: false", "spec.timeWindow must be exactly one rolling window")]
    [InlineData("budgetingMethod: Occurrences", "budgetingMethod: Timeslices", "spec.budgetingMethod must be 'Occurrences'")]
    [InlineData("target: 0.995", "target: 99.5", "target must be between 0 and 1 exclusive, not 99.5")]
    [InlineData("target: 0.995", "target: 1", "target must be between 0 and 1 exclusive, not 1")]
    [InlineData("duration: 30d", "duration: a month", "spec.timeWindow[0].duration: 'a month' is not a duration")]
    [InlineData("type: Prometheus\n            spec:\n              query: demo_requests_total\n", "type: Datadog\n            spec:\n              query: demo_requests_total\n", "ratioMetric.total.metricSource.type must be 'Prometheus', not 'Datadog'")]
    [InlineData("counter: true", "counter: false", "ratioMetric.counter must be true")]
    [InlineData("llmreference/alert: DemoAvailabilityBudgetBurn", "llmreference/alert: demo-burn", "must name the burn alert in PascalCase")]
    [InlineData("name: demo-availability", "name: Demo_Availability", "metadata.name must be a lower-case DNS label")]
    [InlineData("query: demo_requests_total{outcome=\"ok\"}", "query: demo_duration_seconds_bucket{le=\"10\"}", "write le=\"10.0\", not le=\"10\"")]
    public void BadSpecIsRejectedWithAMessageNamingTheFileSloAndField(string find, string replace, string expected)
    {
        var yaml = Valid.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(find, yaml, StringComparison.Ordinal);

        var error = Assert.Throws<SloSpecException>(() => SloSpecReader.Read(yaml.Replace(find, replace, StringComparison.Ordinal), "demo.yaml"));

        Assert.StartsWith("demo.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYamlNamesTheLine()
    {
        var error = Assert.Throws<SloSpecException>(() => SloSpecReader.Read("apiVersion: openslo/v1\nkind: [SLO\n", "broken.yaml"));

        Assert.StartsWith("broken.yaml: invalid OpenSLO YAML at line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameNameTwiceInAFolderIsRejected()
    {
        var folder = Directory.CreateTempSubdirectory("slo-specs-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), Valid);
            File.WriteAllText(Path.Combine(folder.FullName, "b.yaml"), Valid);

            var error = Assert.Throws<SloSpecException>(() => SloSpecReader.ReadDirectory(folder.FullName));

            Assert.Contains("'demo-availability' is used by more than one SLO", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

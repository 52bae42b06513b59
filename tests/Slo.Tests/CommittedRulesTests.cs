using LlmReference.TestSupport;

namespace LlmReference.Slo.Tests;

/// <summary>
/// The rules files in deploy/prometheus/rules are what the generator makes of slo/ today, Prometheus accepts them,
/// and they pass the rule unit tests in deploy/prometheus/tests.
/// </summary>
public class CommittedRulesTests
{
    private static readonly string RulesFolder = Repository.Path("deploy", "prometheus", "rules");
    private static readonly string TestsFolder = Repository.Path("deploy", "prometheus", "tests");

    public static TheoryData<string> RuleFiles => [.. FileNames(RulesFolder, "*.rules.yaml")];

    public static TheoryData<string> RuleTestFiles => [.. FileNames(TestsFolder, "*.test.yaml")];

    [Fact]
    public void CommittedRulesAreCurrent()
    {
        var expected = PrometheusRuleGenerator.GenerateFiles(Specs.Repository, new RuleGenerationOptions());

        foreach (var file in expected)
        {
            var path = Path.Combine(RulesFolder, file.FileName);
            Assert.True(File.Exists(path), $"deploy/prometheus/rules/{file.FileName} is missing: generate it with `{RuleGenerationOptions.DefaultCommand}`.");
            var committed = File.ReadAllText(path);
            if (committed != file.Text)
            {
                Assert.Fail(
                    $"deploy/prometheus/rules/{file.FileName} is stale from line {FirstDifferentLine(committed, file.Text)} (slo/ or the generator changed): " +
                    $"regenerate with `{RuleGenerationOptions.DefaultCommand}` and commit the result.");
            }
        }

        Assert.Equal(expected.Select(f => f.FileName), FileNames(RulesFolder, "*.rules.yaml"));
    }

    [SkippableTheory]
    [MemberData(nameof(RuleFiles))]
    public async Task CommittedRulesPassPromtoolCheck(string file)
    {
        Promtool.SkipIfUnavailable();

        var result = await Promtool.RunAsync("check", "rules", "--lint=all", "--lint-fatal", Path.Combine(RulesFolder, file));

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [SkippableTheory]
    [MemberData(nameof(RuleTestFiles))]
    public async Task RuleUnitTestsPass(string file)
    {
        Promtool.SkipIfUnavailable();

        var result = await Promtool.RunAsync("test", "rules", Path.Combine(TestsFolder, file));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRulesFileHasUnitTests()
    {
        var tested = FileNames(TestsFolder, "*.test.yaml")
            .SelectMany(file => File.ReadAllLines(Path.Combine(TestsFolder, file)))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ../rules/", StringComparison.Ordinal))
            .Select(line => line["- ../rules/".Length..])
            .ToHashSet();

        Assert.All(FileNames(RulesFolder, "*.rules.yaml"), file => Assert.Contains(file, tested));
    }

    private static int FirstDifferentLine(string a, string b)
    {
        var (linesA, linesB) = (a.Split('\n'), b.Split('\n'));
        var line = 0;
        while (line < linesA.Length && line < linesB.Length && linesA[line] == linesB[line])
        {
            line++;
        }

        return line + 1;
    }

    private static IEnumerable<string> FileNames(string folder, string pattern) =>
        Directory.GetFiles(folder, pattern).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);
}

using System.Text;
using System.Text.RegularExpressions;
using LlmReference.TestSupport;
using YamlDotNet.RepresentationModel;

namespace LlmReference.Slo.Tests;

/// <summary>
/// The runbooks in <c>docs/runbooks/</c> against the SLOs and the generated alert rules: every SLO and every
/// <c>runbook_url</c> has its runbook, every runbook has the fixed sections, and no link in them is broken.
/// </summary>
public sealed partial class RunbookTests
{
    /// <summary>The sections every runbook has, in this order (an on-call engineer finds them in the same place).</summary>
    public static readonly string[] RequiredSections =
    [
        "What it means",
        "Severities",
        "Dashboards and signals",
        "Likely causes",
        "Mitigation",
        "Verify recovery",
        "Escalate",
    ];

    private static readonly IReadOnlyList<SloSpec> Specs = SloSpecReader.ReadDirectory(Repository.Path("slo"));

    private static string RunbookDirectory => Repository.Path("docs", "runbooks");

    public static TheoryData<string> Alerts() => [.. Specs.Select(s => s.AlertName)];

    [Fact]
    public void EverySloHasItsRunbook()
    {
        Assert.NotEmpty(Specs);
        var missing = Specs.Where(s => !File.Exists(Repository.Path(s.RunbookPath))).Select(s => $"{s.Name}: {s.RunbookPath}").ToList();
        Assert.True(missing.Count == 0, "SLOs without a runbook: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryRunbookBelongsToAnAlert()
    {
        var alerts = Specs.Select(s => s.AlertName).ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.GetFiles(RunbookDirectory, "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name != "README" && !alerts.Contains(name!))
            .ToList();
        Assert.True(orphans.Count == 0, "Runbooks for no alert in slo/*.yaml: " + string.Join(", ", orphans));
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public void RunbookHasTheRequiredSectionsInOrder(string alert)
    {
        var lines = File.ReadAllLines(Path.Combine(RunbookDirectory, alert + ".md"));

        Assert.Equal("# " + alert, lines.FirstOrDefault());
        var sections = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();
        Assert.Equal(RequiredSections, sections.Where(RequiredSections.Contains));
        foreach (var section in RequiredSections)
        {
            Assert.True(SectionBody(lines, section).Any(l => l.Trim().Length > 0), $"{alert}.md: section '{section}' is empty.");
        }
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public void RunbookNamesItsSloAndSeverities(string alert)
    {
        var spec = Specs.Single(s => s.AlertName == alert);
        var text = File.ReadAllText(Path.Combine(RunbookDirectory, alert + ".md"));

        Assert.Contains($"`{spec.Name}`", text, StringComparison.Ordinal);
        var severities = string.Join('\n', SectionBody(File.ReadAllLines(Path.Combine(RunbookDirectory, alert + ".md")), "Severities"));
        Assert.Contains("**page**", severities, StringComparison.Ordinal);
        Assert.Contains("**ticket**", severities, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexListsEveryAlertWithItsSlo()
    {
        var index = File.ReadAllText(Path.Combine(RunbookDirectory, "README.md"));
        Assert.All(Specs, s =>
        {
            Assert.Contains($"`{s.AlertName}`", index, StringComparison.Ordinal);
            Assert.Contains($"`{s.Name}`", index, StringComparison.Ordinal);
            Assert.Contains($"({s.AlertName}.md)", index, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryRelativeLinkInTheRunbooksResolves()
    {
        var files = Directory.GetFiles(RunbookDirectory, "*.md");
        Assert.NotEmpty(files);

        var broken = new List<string>();
        var links = 0;
        foreach (var file in files)
        {
            foreach (Match match in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var target = match.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                links++;
                if (ResolveLink(file, target) is { } problem)
                {
                    broken.Add($"{Path.GetFileName(file)}: ({target}) {problem}");
                }
            }
        }

        Assert.True(links > 0, "No relative links found: the link pattern is wrong.");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void EveryRunbookUrlInTheGeneratedRulesResolves()
    {
        var rulesDirectory = Repository.Path("deploy", "prometheus", "rules");
        var files = Directory.Exists(rulesDirectory) ? Directory.GetFiles(rulesDirectory, "*.rules.yaml") : [];
        Assert.True(files.Length > 0, $"No generated rule files (*.rules.yaml) in {rulesDirectory}: run `dotnet run --project SloRules`.");

        var alertsWithRunbook = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in files)
        {
            foreach (var (alert, runbookUrl) in AlertRules(file))
            {
                if (string.IsNullOrWhiteSpace(runbookUrl))
                {
                    problems.Add($"{Path.GetFileName(file)}: alert {alert} has no runbook_url annotation");
                    continue;
                }

                var path = RepositoryPathOf(runbookUrl);
                if (path is null || !File.Exists(Repository.Path(path.Split('/'))))
                {
                    problems.Add($"{Path.GetFileName(file)}: alert {alert}: runbook_url '{runbookUrl}' is not a file in the repository");
                    continue;
                }

                if (path != $"docs/runbooks/{alert}.md")
                {
                    problems.Add($"{Path.GetFileName(file)}: alert {alert}: runbook_url '{runbookUrl}' is not the alert's own runbook");
                    continue;
                }

                alertsWithRunbook.Add(alert);
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var uncovered = Specs.Select(s => s.AlertName).Where(a => !alertsWithRunbook.Contains(a)).ToList();
        Assert.True(uncovered.Count == 0, "SLO alerts missing from the generated rules: " + string.Join(", ", uncovered));
    }

    /// <summary>The repository-relative path a <c>runbook_url</c> names: the URL itself when relative, else from <c>docs/</c> on.</summary>
    private static string? RepositoryPathOf(string runbookUrl)
    {
        if (!Uri.TryCreate(runbookUrl, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return runbookUrl.TrimStart('.', '/');
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var start = path.IndexOf("/docs/runbooks/", StringComparison.Ordinal);
        return start < 0 ? null : path[(start + 1)..];
    }

    /// <summary>Every alerting rule of a Prometheus rules file: its name and its <c>runbook_url</c> annotation.</summary>
    private static IEnumerable<(string Alert, string? RunbookUrl)> AlertRules(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            yaml.Load(reader);
        }

        foreach (var document in yaml.Documents)
        {
            if (document.RootNode is not YamlMappingNode root || Child(root, "groups") is not YamlSequenceNode groups)
            {
                continue;
            }

            foreach (var group in groups.OfType<YamlMappingNode>())
            {
                if (Child(group, "rules") is not YamlSequenceNode rules)
                {
                    continue;
                }

                foreach (var rule in rules.OfType<YamlMappingNode>())
                {
                    if (Child(rule, "alert") is YamlScalarNode { Value: { } alert })
                    {
                        var url = Child(rule, "annotations") is YamlMappingNode annotations && Child(annotations, "runbook_url") is YamlScalarNode scalar
                            ? scalar.Value
                            : null;
                        yield return (alert, url);
                    }
                }
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>Null when <paramref name="target"/> (relative to <paramref name="file"/>) exists, with its anchor if any; else why not.</summary>
    private static string? ResolveLink(string file, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var (path, anchor) = hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
        var full = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));

        if (!full.StartsWith(Repository.Root, StringComparison.Ordinal))
        {
            return "points outside the repository";
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return "does not exist";
        }

        if (anchor is not null && full.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && File.Exists(full)
            && !HeadingAnchors(File.ReadAllLines(full)).Contains(anchor))
        {
            return $"has no heading for #{anchor}";
        }

        return null;
    }

    /// <summary>GitHub's anchors for a Markdown file's headings: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> HeadingAnchors(IEnumerable<string> lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (inFence || !line.StartsWith('#'))
            {
                continue;
            }

            var text = line.TrimStart('#').Trim().ToLowerInvariant();
            var slug = new StringBuilder();
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }

            var anchor = slug.ToString();
            for (var n = 1; !anchors.Add(anchor); n++)
            {
                anchor = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    /// <summary>The lines under a <c>## </c> heading, up to the next one.</summary>
    private static IEnumerable<string> SectionBody(string[] lines, string section) =>
        lines.SkipWhile(l => l.Trim() != "## " + section).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}

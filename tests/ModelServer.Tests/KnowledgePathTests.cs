using System.Text.RegularExpressions;
using LlmReference.ModelServer.Knowledge;
using LlmReference.TestSupport;

namespace LlmReference.ModelServer.Tests;

/// <summary>
/// The knowledge base answers on-call questions with repository paths (runbooks, SLO files, generated rules) and alert
/// names: every one of them must exist, so the assistant never sends an engineer to a file that is not there.
/// </summary>
public sealed partial class KnowledgePathTests
{
    private static readonly KnowledgeBase Knowledge = new();

    [Fact]
    public void EveryRepositoryPathTheKnowledgeBaseNamesExists()
    {
        var paths = Texts().SelectMany(t => RepositoryPath().Matches(t).Select(m => m.Value.TrimEnd('.', ',', ')'))).Distinct().ToList();

        Assert.Contains(paths, p => p.StartsWith("docs/runbooks/", StringComparison.Ordinal) && p.EndsWith(".md", StringComparison.Ordinal));
        var missing = paths.Where(p => !File.Exists(Full(p)) && !Directory.Exists(Full(p))).ToList();
        Assert.True(missing.Count == 0, "Paths named in Knowledge/knowledge.json that are not in the repository: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryAlertTheKnowledgeBaseNamesHasItsRunbook()
    {
        var alerts = Texts().SelectMany(t => AlertName().Matches(t).Select(m => m.Value)).Distinct().ToList();

        Assert.NotEmpty(alerts);
        var missing = alerts.Where(a => !File.Exists(Full($"docs/runbooks/{a}.md"))).ToList();
        Assert.True(missing.Count == 0, "Alerts named in Knowledge/knowledge.json without docs/runbooks/<alert>.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryRunbookInTheRepositoryIsNamedByTheKnowledgeBase()
    {
        var text = string.Join('\n', Texts());
        var runbooks = Directory.GetFiles(Full("docs/runbooks"), "*BudgetBurn.md").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.NotEmpty(runbooks);
        Assert.All(runbooks, r => Assert.Contains(r!, text, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Texts() => Knowledge.Entries.SelectMany(e => new[] { e.Text, e.More });

    private static string Full(string repositoryPath) => Repository.Path(repositoryPath.TrimEnd('/').Split('/'));

    /// <summary>A repository path under one of the folders the on-call answers point into.</summary>
    [GeneratedRegex(@"\b(?:docs|slo|deploy)/[A-Za-z0-9_./-]*")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+BudgetBurn\b")]
    private static partial Regex AlertName();
}

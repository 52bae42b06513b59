using LlmReference.SloRules;

namespace LlmReference.Slo.Tests;

public sealed class SloRulesCommandTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("slo-rules-out-");
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public void CheckAcceptsTheCommittedFiles()
    {
        var exit = new RuleFilesCommand(RuleFilesCommand.DefaultSpecs, RuleFilesCommand.DefaultOutput, 1, string.Empty).Run(check: true, _stdout, _stderr);

        Assert.True(exit == 0, _stderr.ToString());
        Assert.Equal("2 rules file(s) in deploy/prometheus/rules are current.\n", _stdout.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WriteThenCheckIsCurrent()
    {
        var command = new RuleFilesCommand(RuleFilesCommand.DefaultSpecs, _output.FullName, 720, string.Empty);

        Assert.Equal(0, command.Run(check: false, _stdout, _stderr));
        Assert.Equal(0, command.Run(check: true, _stdout, _stderr));
        var chatapi = File.ReadAllText(Path.Combine(_output.FullName, "chatapi.rules.yaml"));
        Assert.Contains($"# Regenerate with: dotnet run --project SloRules -- --out {_output.FullName} --compress 720\n", chatapi, StringComparison.Ordinal);
        Assert.Contains("# Time compression: 720x", chatapi, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckListsMissingStaleAndStrayFilesAndTheCommandThatFixesThem()
    {
        var command = new RuleFilesCommand(RuleFilesCommand.DefaultSpecs, _output.FullName, 1, string.Empty);
        command.Run(check: false, _stdout, _stderr);
        File.Delete(Path.Combine(_output.FullName, "chatapi.rules.yaml"));
        File.AppendAllText(Path.Combine(_output.FullName, "fraud.rules.yaml"), "# edited by hand\n");
        File.WriteAllText(Path.Combine(_output.FullName, "billing.rules.yaml"), "groups: []\n");

        var exit = command.Run(check: true, _stdout, _stderr);

        Assert.Equal(1, exit);
        var errors = _stderr.ToString().ReplaceLineEndings("\n");
        Assert.Contains($"missing: {_output.FullName}/chatapi.rules.yaml\n", errors, StringComparison.Ordinal);
        Assert.Contains($"stale: {_output.FullName}/fraud.rules.yaml\n", errors, StringComparison.Ordinal);
        Assert.Contains($"not generated from any spec: {_output.FullName}/billing.rules.yaml\n", errors, StringComparison.Ordinal);
        Assert.Contains($"Regenerate with: dotnet run --project SloRules -- --out {_output.FullName}\n", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_output.FullName, "chatapi.rules.yaml")), "--check must not write.");
    }

    [Fact]
    public void ABadSpecFolderIsAnErrorNotACrash()
    {
        var exit = new RuleFilesCommand(_output.FullName, _output.FullName, 1, string.Empty).Run(check: false, _stdout, _stderr);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: No SLO files (*.yaml) in '{_output.FullName}'.", _stderr.ToString(), StringComparison.Ordinal);
    }
}

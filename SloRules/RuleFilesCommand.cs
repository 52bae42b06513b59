using System.Globalization;
using System.Text;
using LlmReference.Slo;

namespace LlmReference.SloRules;

/// <summary>Generates the rules files and writes them, or (check mode) compares them with what is on disk.</summary>
/// <param name="specs">Folder of OpenSLO files; a relative path is taken from the repository root.</param>
/// <param name="output">Folder of the rules files; a relative path is taken from the repository root.</param>
/// <param name="compression">See <see cref="RuleGenerationOptions.TimeCompression"/>.</param>
/// <param name="runbookBaseUrl">See <see cref="RuleGenerationOptions.RunbookBaseUrl"/>.</param>
internal sealed class RuleFilesCommand(string specs, string output, double compression, string runbookBaseUrl)
{
    public const string DefaultSpecs = "slo";
    public const string DefaultOutput = "deploy/prometheus/rules";

    private const int Ok = 0;
    private const int Failed = 1;

    /// <summary>Runs in the repository that holds the current directory; returns the process exit code.</summary>
    /// <param name="check">Compare instead of writing, and fail when anything differs.</param>
    public int Run(bool check, TextWriter stdout, TextWriter stderr)
    {
        var root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
        if (root is null)
        {
            stderr.WriteLine($"error: no {RepositoryRoot.Marker} in {Directory.GetCurrentDirectory()} or above; run the tool inside the repository.");
            return Failed;
        }

        var specsPath = Path.GetFullPath(specs, root);
        var outputPath = Path.GetFullPath(output, root);
        var options = new RuleGenerationOptions
        {
            TimeCompression = compression,
            RunbookBaseUrl = runbookBaseUrl,
            SpecFolder = Display(specsPath, root),
            Command = CommandLine(root, specsPath, outputPath),
        };
        IReadOnlyList<GeneratedRuleFile> files;
        try
        {
            files = PrometheusRuleGenerator.GenerateFiles(SloSpecReader.ReadDirectory(specsPath), options);
        }
        catch (Exception ex) when (ex is SloSpecException or ArgumentException or IOException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return Failed;
        }

        return check ? Check(files, outputPath, root, options.Command, stdout, stderr) : Write(files, outputPath, root, stdout);
    }

    private static int Write(IReadOnlyList<GeneratedRuleFile> files, string outputPath, string root, TextWriter stdout)
    {
        Directory.CreateDirectory(outputPath);
        foreach (var file in files)
        {
            var path = Path.Combine(outputPath, file.FileName);
            var unchanged = File.Exists(path) && File.ReadAllText(path) == file.Text;
            if (!unchanged)
            {
                File.WriteAllText(path, file.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            stdout.WriteLine($"{(unchanged ? "unchanged" : "wrote")} {Display(path, root)}");
        }

        foreach (var extra in Extra(files, outputPath))
        {
            stdout.WriteLine($"warning: {Display(extra, root)} is not generated from any spec; delete it if its service is gone.");
        }

        return Ok;
    }

    private static int Check(IReadOnlyList<GeneratedRuleFile> files, string outputPath, string root, string command, TextWriter stdout, TextWriter stderr)
    {
        var problems = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(outputPath, file.FileName);
            if (!File.Exists(path))
            {
                problems.Add($"missing: {Display(path, root)}");
            }
            else if (File.ReadAllText(path) != file.Text)
            {
                problems.Add($"stale: {Display(path, root)}");
            }
        }

        problems.AddRange(Extra(files, outputPath).Select(extra => $"not generated from any spec: {Display(extra, root)}"));
        if (problems.Count == 0)
        {
            stdout.WriteLine($"{files.Count} rules file(s) in {Display(outputPath, root)} are current.");
            return Ok;
        }

        foreach (var problem in problems)
        {
            stderr.WriteLine(problem);
        }

        stderr.WriteLine($"Regenerate with: {command}");
        return Failed;
    }

    private static IEnumerable<string> Extra(IReadOnlyList<GeneratedRuleFile> files, string outputPath) =>
        Directory.Exists(outputPath)
            ? Directory.GetFiles(outputPath, "*.rules.yaml").Order(StringComparer.Ordinal).Where(p => files.All(f => f.FileName != Path.GetFileName(p)))
            : [];

    /// <summary>The command that regenerates these files, naming only the options that differ from the defaults.</summary>
    private string CommandLine(string root, string specsPath, string outputPath)
    {
        var args = new List<string>();
        if (specsPath != Path.GetFullPath(DefaultSpecs, root))
        {
            args.Add($"--specs {Display(specsPath, root)}");
        }

        if (outputPath != Path.GetFullPath(DefaultOutput, root))
        {
            args.Add($"--out {Display(outputPath, root)}");
        }

        if (compression != 1)
        {
            args.Add($"--compress {compression.ToString(CultureInfo.InvariantCulture)}");
        }

        if (runbookBaseUrl.Length > 0)
        {
            args.Add($"--runbook-base-url {runbookBaseUrl}");
        }

        return args.Count == 0 ? RuleGenerationOptions.DefaultCommand : $"{RuleGenerationOptions.DefaultCommand} -- {string.Join(' ', args)}";
    }

    /// <summary>A path as a reader of the repository would write it: relative with '/' inside it, absolute outside.</summary>
    private static string Display(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}

// SloRules: turns the OpenSLO specs (slo/*.yaml) into Prometheus rules, one file per service
// (deploy/prometheus/rules/{service}.rules.yaml), or with --check tells whether the committed files are current.
//   dotnet run --project SloRules -- [--specs slo] [--out deploy/prometheus/rules] [--compress N] [--runbook-base-url URL] [--check]
// Exit code 0: written or current; 1: stale or missing files (--check), a bad spec, or a usage error.
using System.CommandLine;
using LlmReference.SloRules;

var specs = new Option<string>("--specs")
{
    Description = "Folder of OpenSLO files, relative to the repository root.",
    DefaultValueFactory = _ => RuleFilesCommand.DefaultSpecs,
};
var output = new Option<string>("--out")
{
    Description = "Folder the rules files go to, relative to the repository root.",
    DefaultValueFactory = _ => RuleFilesCommand.DefaultOutput,
};
var compress = new Option<double>("--compress")
{
    Description = "Divide every window and for: by N, for demos and tests (720 turns 1h into 5s). 1 = production.",
    DefaultValueFactory = _ => 1,
};
compress.Validators.Add(result =>
{
    if (result.GetValueOrDefault<double>() is not (>= 1 and < double.PositiveInfinity))
    {
        result.AddError("--compress must be a number of at least 1 (1 = production windows), e.g. --compress 720 turns 1h into 5s.");
    }
});
var runbookBaseUrl = new Option<string>("--runbook-base-url")
{
    Description = "Prefix of each alert's runbook_url, e.g. https://github.com/org/repo/blob/main/ (default: the repository-relative path).",
    DefaultValueFactory = _ => string.Empty,
};
var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 and list the files that are missing or stale." };

var root = new RootCommand("Generates Prometheus recording and alerting rules from the repository's SLO specs.")
{
    specs, output, compress, runbookBaseUrl, check,
};
root.SetAction(parse => new RuleFilesCommand(
        parse.GetRequiredValue(specs),
        parse.GetRequiredValue(output),
        parse.GetValue(compress),
        parse.GetRequiredValue(runbookBaseUrl))
    .Run(parse.GetValue(check), Console.Out, Console.Error));

return root.Parse(args).Invoke();

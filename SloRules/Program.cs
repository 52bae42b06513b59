// SloRules: turns the OpenSLO specs (slo/*.yaml) into Prometheus rules, one file per service
// (deploy/prometheus/rules/{service}.rules.yaml), or with --check tells whether the committed files are current.
//   dotnet run --project SloRules -- [--specs slo] [--out deploy/prometheus/rules] [--compress N] [--runbook-base-url URL] [--check]
using System.CommandLine;
using LlmReference.SloRules;

var specs = new Option<string>("--specs") { Description = "Folder of OpenSLO files, relative to the repository root.", DefaultValueFactory = _ => RuleFilesCommand.DefaultSpecs };
var output = new Option<string>("--out") { Description = "Folder the rules files go to, relative to the repository root.", DefaultValueFactory = _ => RuleFilesCommand.DefaultOutput };
var compress = new Option<double>("--compress") { Description = "Divide every window and for: by N (demos and tests; 1 = production).", DefaultValueFactory = _ => 1 };
var runbookBaseUrl = new Option<string>("--runbook-base-url") { Description = "Prefix of each alert's runbook_url (default: the repository-relative path).", DefaultValueFactory = _ => string.Empty };
var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 and list the files that are missing or stale." };

var root = new RootCommand("Generates Prometheus recording and alerting rules from the repository's SLO specs.")
{
    specs, output, compress, runbookBaseUrl, check,
};
root.SetAction(parse => new RuleFilesCommand(
    parse.GetRequiredValue(specs),
    parse.GetRequiredValue(output),
    parse.GetValue(compress),
    parse.GetRequiredValue(runbookBaseUrl)).Run(parse.GetValue(check), Console.Out, Console.Error));

return root.Parse(args).Invoke();

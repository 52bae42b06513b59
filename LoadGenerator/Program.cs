// LoadGenerator: open-model HTTP load for ChatApi and FraudService, bounded and loopback-only by default.
//   dotnet run --project LoadGenerator -- --scenario mix --rate 5 --duration 60s --report load.json
// See LoadGenerator/README.md. Exit code 0: run completed; 1: usage error; 2: stopped early (Ctrl+C).
using LlmReference.LoadGenerator.Cli;

return await LoadCommand.Create(CliRunner.RunAsync).Parse(args).InvokeAsync();
